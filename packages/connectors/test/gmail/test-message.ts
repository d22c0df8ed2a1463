/** What a seeded message says. */
export interface TestMessage {
  messageId: string;
  subject: string;
  from?: string;
  to?: string;
  date?: string;
  text?: string;
  /** Sends the text base64-encoded inside multipart/alternative with an HTML twin. */
  multipart?: boolean;
}

/**
 * A raw RFC 822 message for IMAP APPEND.
 *
 * @example
 * await dovecot.append(user, 'INBOX', testMessage({ messageId: '<1@test>', subject: 'Hi' }));
 */
export function testMessage(message: TestMessage): string {
  const headers = [
    `Message-ID: ${message.messageId}`,
    `From: ${message.from ?? 'Ada Lovelace <ada@example.com>'}`,
    `To: ${message.to ?? 'me@example.com'}`,
    `Subject: ${message.subject}`,
    `Date: ${message.date ?? 'Mon, 01 Jun 2026 09:30:00 +0000'}`,
    'MIME-Version: 1.0',
  ];
  const text = message.text ?? `Body of ${message.subject}`;
  if (!message.multipart) {
    return [...headers, 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n');
  }
  const encoded = Buffer.from(text, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    ...headers,
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    encoded,
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<p>${message.subject}</p>`,
    '--b1--',
    '',
  ].join('\r\n');
}
