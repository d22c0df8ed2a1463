import type { ListResponse } from 'imapflow';

/** Mailboxes whose messages are the owner's own mail rather than spam or deleted mail. */
const skippedUses = new Set(['\\Junk', '\\Trash']);

/**
 * The mailboxes a sync reads. Gmail's `\All` mailbox (All Mail) holds every
 * message once, labels and all, so when the server marks one it is read
 * alone; otherwise INBOX first, then every other selectable mailbox except
 * spam and trash.
 *
 * @example
 * pickMailboxes(await client.list()).map((mailbox) => mailbox.path); // ['[Gmail]/All Mail']
 */
export function pickMailboxes(mailboxes: readonly ListResponse[]): ListResponse[] {
  const selectable = mailboxes.filter((mailbox) => !mailbox.flags.has('\\Noselect'));
  const all = selectable.find((mailbox) => mailbox.specialUse === '\\All');
  if (all !== undefined) return [all];
  const isInbox = (mailbox: ListResponse) => mailbox.path.toUpperCase() === 'INBOX';
  return [
    ...selectable.filter(isInbox),
    ...selectable.filter(
      (mailbox) => !isInbox(mailbox) && !skippedUses.has(mailbox.specialUse ?? ''),
    ),
  ];
}
