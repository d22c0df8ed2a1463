import type { ImapFlow, ListResponse } from 'imapflow';
import type { CollectedRecord, Collector, CollectorInput } from '../implementation';
import { accountRecord } from './account-record';
import { fetchTextParts } from './fetch-text-parts';
import { imapError } from './imap-error';
import { mailboxCheckpoint, mailboxCursor } from './mailbox-cursor';
import { messageRecord } from './message-record';
import { openImapSession } from './open-imap-session';
import { pickMailboxes } from './pick-mailboxes';

/** Messages fetched (and emitted) per batch. */
const batchSize = 100;

const fetchQuery = {
  uid: true,
  envelope: true,
  flags: true,
  labels: true,
  internalDate: true,
  size: true,
  bodyStructure: true,
  threadId: true,
} as const;

interface MailboxRun {
  client: ImapFlow;
  input: CollectorInput;
  cursors: Record<string, string>;
  counts: { messages: number; account: number };
}

/**
 * Reads one mailbox's messages newer than its cursor. A changed UIDVALIDITY
 * means the old UIDs name nothing any more: the mailbox is read again from
 * its start (records upsert by Message-ID). The cursor advances after each
 * emitted batch, so it never passes a message that was not handed over.
 */
async function collectMailbox(mailbox: ListResponse, run: MailboxRun): Promise<void> {
  const { client, input, cursors, counts } = run;
  const opened = await client.mailboxOpen(mailbox.path, { readOnly: true });
  const uidvalidity = opened.uidValidity.toString();
  const key = mailboxCursor.key(mailbox.path);
  const previous = mailboxCursor.decode(cursors[key]);
  let lastUid = previous?.uidvalidity === uidvalidity ? previous.last_uid : 0;
  cursors[key] = mailboxCursor.encode({ uidvalidity, last_uid: lastUid });
  // UIDNEXT says whether anything arrived, without a SEARCH or FETCH.
  if (opened.exists === 0 || opened.uidNext <= lastUid + 1) return;

  const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
  // `n:*` always matches the newest message, even one at or below n.
  const fresh = (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
  for (let start = 0; start < fresh.length; start += batchSize) {
    const uids = fresh.slice(start, start + batchSize);
    const messages = await client.fetchAll(uids.join(','), fetchQuery, { uid: true });
    input.signal.throwIfAborted();
    const texts = await fetchTextParts(client, messages);
    const records: CollectedRecord[] = messages.map((message) =>
      messageRecord(
        message,
        { mailbox: mailbox.path, uidvalidity },
        texts.get(message.uid) ?? null,
      ),
    );
    lastUid = Math.max(lastUid, ...uids);
    const cursor = { uidvalidity, last_uid: lastUid };
    if (records.length > 0) {
      await input.emit('messages', records, mailboxCheckpoint.encode(mailbox.path, cursor));
    }
    cursors[key] = mailboxCursor.encode(cursor);
    counts.messages += records.length;
    input.progress('messages', { ...counts });
  }
}

/**
 * Collects a Gmail account over IMAP: one `account` record (the address and
 * its mailbox list), then the `messages` of Gmail's All Mail (`\All`) or,
 * on a server without one, of INBOX and the other mailboxes but spam and
 * trash. Each message carries its headers, flags, Gmail labels and its
 * plain-text part up to 64 KiB.
 *
 * Incremental: each mailbox's `{ uidvalidity, last_uid }` is returned in
 * `syncCursors` under `mailbox:<path>`; the next sync fetches only UIDs above
 * it, and a mailbox whose UIDVALIDITY changed is read again from its start.
 * Each batch's checkpoint is its mailbox and cursor: a run resumed after a
 * crash (`cursor`) starts that mailbox after the last batch handed over.
 *
 * Rejects with a `ProviderError` (`credential_rejected` when the login is
 * refused, `provider_unavailable` otherwise), or with the signal's reason when
 * the run is cancelled.
 *
 * @example
 * const { counts, syncCursors } = await gmailCollector({ fields, secrets, signal, fetch, emit, progress });
 */
export const gmailCollector: Collector = async (input) => {
  const session = await openImapSession(input);
  const { client, endpoint } = session;
  const counts = { messages: 0, account: 0 };
  const cursors: Record<string, string> = { ...input.syncCursors };
  // A resumed run skips what its previous attempt already handed over.
  const resumed = mailboxCheckpoint.decode(input.cursor);
  if (resumed !== null) {
    const key = mailboxCursor.key(resumed.path);
    const synced = mailboxCursor.decode(cursors[key]);
    const behind =
      synced === null ||
      synced.uidvalidity !== resumed.cursor.uidvalidity ||
      synced.last_uid < resumed.cursor.last_uid;
    if (behind) cursors[key] = mailboxCursor.encode(resumed.cursor);
  }
  try {
    const listed = await client.list();
    const mailboxes = pickMailboxes(listed);
    await input.emit('account', [
      accountRecord(
        endpoint.email,
        listed,
        mailboxes.map((mailbox) => mailbox.path),
      ),
    ]);
    counts.account = 1;
    input.progress('account', { ...counts });
    for (const mailbox of mailboxes) {
      await collectMailbox(mailbox, { client, input, cursors, counts });
    }
  } catch (error) {
    input.signal.throwIfAborted();
    throw imapError(error, endpoint.host);
  } finally {
    await session.close();
  }
  return { counts: { ...counts }, syncCursors: cursors };
};
