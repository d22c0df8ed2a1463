import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Where the last successful sync of one mailbox ended. */
export interface MailboxCursor {
  /** The mailbox's UIDVALIDITY then, as a decimal string (it is a 32-bit unsigned number). */
  uidvalidity: string;
  /** The highest UID already collected. */
  last_uid: number;
}

const CursorSchema = z.object({
  uidvalidity: z.string().regex(/^[0-9]{1,10}$/),
  last_uid: z.number().int().nonnegative(),
});

// The server caps a sync-cursor key at 120 characters; a longer mailbox path is named by its hash.
const maxKeyLength = 120;

/**
 * The cursor of each mailbox, kept in `syncCursors` under `mailbox:<path>`
 * and handed back by the next sync.
 *
 * @example
 * const key = mailboxCursor.key('[Gmail]/All Mail');
 * const at = mailboxCursor.decode(input.syncCursors?.[key]); // null on a first sync
 */
export const mailboxCursor = {
  key(path: string): string {
    const key = `mailbox:${path}`;
    if (key.length <= maxKeyLength) return key;
    return `mailbox#${createHash('sha256').update(path).digest('hex')}`;
  },
  encode(cursor: MailboxCursor): string {
    return JSON.stringify(cursor);
  },
  /** Null for a missing or unreadable cursor: that mailbox is read from its start. */
  decode(raw: string | undefined): MailboxCursor | null {
    if (raw === undefined) return null;
    try {
      const parsed = CursorSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  },
};

const CheckpointSchema = CursorSchema.extend({ path: z.string().min(1) });

/**
 * A run checkpoint: the mailbox a batch came from and its cursor after that
 * batch. A run resumed after a crash starts that mailbox there instead of at
 * its last successful sync, so a long first sync is not read again whole.
 *
 * @example
 * await input.emit('messages', records, mailboxCheckpoint.encode('INBOX', { uidvalidity, last_uid }));
 * const resumed = mailboxCheckpoint.decode(input.cursor); // { path: 'INBOX', cursor } or null
 */
export const mailboxCheckpoint = {
  encode(path: string, cursor: MailboxCursor): string {
    return JSON.stringify({ path, ...cursor });
  },
  decode(raw: string | null | undefined): { path: string; cursor: MailboxCursor } | null {
    if (raw === null || raw === undefined) return null;
    try {
      const parsed = CheckpointSchema.safeParse(JSON.parse(raw));
      if (!parsed.success) return null;
      const { path, uidvalidity, last_uid } = parsed.data;
      return { path, cursor: { uidvalidity, last_uid } };
    } catch {
      return null;
    }
  },
};
