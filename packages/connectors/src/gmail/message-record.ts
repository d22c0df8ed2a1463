import type { FetchMessageObject, MessageAddressObject } from 'imapflow';
import type { CollectedRecord } from '../implementation';
import type { TextPart } from './text-part';

/** Where a fetched message was read. */
export interface MessageOrigin {
  mailbox: string;
  uidvalidity: string;
}

const addresses = (list: MessageAddressObject[] | undefined) =>
  (list ?? []).map((entry) => ({ name: entry.name || null, address: entry.address || null }));

const isoDate = (value: Date | string | undefined): string | null => {
  if (value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

/**
 * A fetched message as a `messages` record, keyed by its Message-ID header, so
 * the same message read again (a UIDVALIDITY restart, a second label) upserts
 * one record. A message without one is keyed by where it lives
 * (`mailbox/uidvalidity/uid`). `labels` is null where the server has no
 * Gmail labels.
 *
 * @example
 * const record = messageRecord(message, { mailbox: 'INBOX', uidvalidity: '1700000000' }, text);
 * record.message_id; // '<CAF=abc@mail.gmail.com>'
 */
export function messageRecord(
  message: FetchMessageObject,
  origin: MessageOrigin,
  text: TextPart | null,
): CollectedRecord {
  const envelope = message.envelope;
  const messageId =
    envelope?.messageId?.trim() || `${origin.mailbox}/${origin.uidvalidity}/${message.uid}`;
  return {
    message_id: messageId,
    mailbox: origin.mailbox,
    uidvalidity: origin.uidvalidity,
    uid: message.uid,
    thread_id: message.threadId ?? null,
    from: addresses(envelope?.from),
    to: addresses(envelope?.to),
    cc: addresses(envelope?.cc),
    subject: envelope?.subject ?? null,
    date: isoDate(envelope?.date),
    internal_date: isoDate(message.internalDate),
    in_reply_to: envelope?.inReplyTo ?? null,
    size: message.size ?? null,
    // \Recent belongs to one IMAP session, not to the message.
    flags: [...(message.flags ?? [])].filter((flag) => flag !== '\\Recent').sort(),
    labels: message.labels === undefined ? null : [...message.labels].sort(),
    text: text?.text ?? null,
    text_truncated: text?.truncated ?? false,
  };
}
