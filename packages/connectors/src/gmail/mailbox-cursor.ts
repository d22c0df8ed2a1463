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
