import type { ListResponse } from 'imapflow';
import type { CollectedRecord } from '../implementation';

/**
 * The `account` record: the address and its mailbox list, marking the ones a
 * sync reads. It is emitted on every sync, so a connection whose mailboxes are
 * all empty still has a record and activates.
 *
 * @example
 * accountRecord('me@gmail.com', listed, ['[Gmail]/All Mail']).mailboxes;
 */
export function accountRecord(
  email: string,
  listed: readonly ListResponse[],
  collected: readonly string[],
): CollectedRecord {
  return {
    email,
    mailboxes: listed.map((mailbox) => ({
      path: mailbox.path,
      name: mailbox.name,
      special_use: mailbox.specialUse ?? null,
      collected: collected.includes(mailbox.path),
    })),
  };
}
