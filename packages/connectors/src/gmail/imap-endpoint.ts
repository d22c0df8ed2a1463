import { ConnError } from '@conn/setup-engine';
import type { ConnectionFields } from '../implementation';
import { gmailManifest } from './manifest';

/** Where a Gmail connection logs in: the address and the IMAPS server. */
export interface ImapEndpoint {
  email: string;
  host: string;
  port: number;
}

/** A field's default as the owner sees it in the form, read from the manifest so it lives in one place. */
function manifestDefault(name: string): string {
  const { setup } = gmailManifest;
  const field =
    setup.modality === 'static_secret'
      ? setup.fields.find((candidate) => candidate.name === name)
      : undefined;
  if (field?.default === undefined) {
    throw new ConnError('internal_error', `The Gmail manifest has no default ${name}.`);
  }
  return field.default;
}

/**
 * The address and IMAPS server of a connection: its `imap_host` and
 * `imap_port` fields, or the manifest's defaults (imap.gmail.com:993).
 *
 * @example
 * imapEndpoint({ email: 'me@gmail.com' }); // { email: 'me@gmail.com', host: 'imap.gmail.com', port: 993 }
 */
export function imapEndpoint(fields: ConnectionFields): ImapEndpoint {
  const email = fields.email?.trim() ?? '';
  if (email === '') {
    throw new ConnError('invalid_request', 'A Gmail connection needs its address.', {
      field: 'email',
    });
  }
  const host = fields.imap_host?.trim() || manifestDefault('imap_host');
  const rawPort = fields.imap_port?.trim() || manifestDefault('imap_port');
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new ConnError('invalid_request', `The IMAP port "${rawPort}" is not a port number.`, {
      field: 'imap_port',
    });
  }
  return { email, host, port };
}
