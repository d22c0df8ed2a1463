import type { ManifestInput } from '@conn/setup-engine';

const appPasswordDocs = 'https://support.google.com/accounts/answer/185833';

/**
 * Gmail, read over IMAP (TLS) with a Google app password: message headers,
 * flags and labels, and each message's plain-text part up to 64 KiB. Host and
 * port are advanced fields so tests and other IMAP-compatible setups use the
 * same path.
 *
 * @example
 * const manifest = parseManifest(gmailManifest);
 */
export const gmailManifest: ManifestInput = {
  key: 'gmail',
  name: 'Gmail',
  description:
    'The messages in one Gmail mailbox (sender, recipients, subject, date, labels and the plain-text part up to 64 KiB), read over IMAP with an app password. Attachments are not collected.',
  category: 'email',
  homepage_url: 'https://mail.google.com',
  docs_url: appPasswordDocs,
  streams: [
    {
      name: 'messages',
      label: 'Messages',
      description:
        'Sender, recipients, subject, date, flags and labels of each message, with its plain-text part up to 64 KiB; no attachments.',
      record_key: 'message_id',
    },
    {
      name: 'account',
      label: 'Account',
      description: 'The mailbox address and the list of its mailboxes (folders and labels).',
      record_key: 'email',
    },
  ],
  setup: {
    modality: 'static_secret',
    credential_kind: 'app_password',
    fields: [
      {
        name: 'email',
        label: 'Gmail address',
        type: 'email',
        secret: false,
        required: true,
        placeholder: 'me@gmail.com',
      },
      {
        name: 'app_password',
        label: 'App password',
        type: 'password',
        secret: true,
        required: true,
        help_url: appPasswordDocs,
        help: 'A 16-letter app password from your Google Account (it needs 2-Step Verification). Your normal Google password will not work.',
      },
      {
        name: 'imap_host',
        label: 'IMAP host',
        type: 'text',
        secret: false,
        required: false,
        default: 'imap.gmail.com',
        advanced: true,
      },
      {
        name: 'imap_port',
        label: 'IMAP port',
        type: 'number',
        secret: false,
        required: false,
        default: '993',
        pattern: '^[0-9]{1,5}$',
        advanced: true,
      },
    ],
  },
};
