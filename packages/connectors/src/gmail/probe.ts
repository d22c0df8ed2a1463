import type { Probe } from '../implementation';
import { ProviderError } from '../provider-error';
import { imapError } from './imap-error';
import { type ImapSession, openImapSession } from './open-imap-session';

/**
 * Checks a Gmail address and app password with an IMAP LOGIN and a mailbox
 * LIST, and echoes the address: `{ account_id: 'me@gmail.com', label:
 * 'me@gmail.com' }`. A refused login resolves `{ ok: false }` with an
 * owner-readable reason; an unreachable server, a TLS failure or the probe
 * deadline rejects (the password was not judged, so it must not be refused).
 *
 * @example
 * const result = await gmailProbe({ fields: { email: 'me@gmail.com' }, secrets, signal, fetch });
 */
export const gmailProbe: Probe = async ({ fields, secrets, signal }) => {
  let session: ImapSession;
  try {
    session = await openImapSession({ fields, secrets, signal });
  } catch (error) {
    if (error instanceof ProviderError && error.code === 'credential_rejected') {
      return { ok: false, message: error.message };
    }
    throw error;
  }
  try {
    await session.client.list();
  } catch (error) {
    signal.throwIfAborted();
    throw imapError(error, session.endpoint.host);
  } finally {
    await session.close();
  }
  const address = session.endpoint.email;
  return { ok: true, identity: { account_id: address.toLowerCase(), label: address } };
};
