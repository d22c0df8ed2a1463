import type { SecretBundle } from '@conn/setup-engine';
import type { ImapFlow } from 'imapflow';
import type { ConnectionFields } from '../implementation';
import { ProviderError } from '../provider-error';
import { type ImapEndpoint, imapEndpoint } from './imap-endpoint';
import { imapError } from './imap-error';

/** A logged-in IMAP connection and a way to end it that never waits long. */
export interface ImapSession {
  client: ImapFlow;
  endpoint: ImapEndpoint;
  /** Logs out (bounded) and drops the socket; safe to call twice. */
  close(): Promise<void>;
}

// Bounds on every network wait: a silent server must fail a run, not hang it.
const connectionTimeout = 10_000;
const socketTimeout = 60_000;
const logoutTimeout = 2_000;

/**
 * Opens an implicit-TLS IMAP session to the connection's server and logs in
 * with the address and the app password. The certificate is checked against
 * the process's trusted CAs. An abort of `signal` closes the socket, which
 * rejects whatever command is waiting. Rejects with `imapError`'s mapping:
 * `credential_rejected` when the login is refused.
 *
 * @example
 * const session = await openImapSession({ fields, secrets, signal });
 * try { await session.client.list(); } finally { await session.close(); }
 */
export async function openImapSession(input: {
  fields: ConnectionFields;
  secrets: SecretBundle;
  signal: AbortSignal;
}): Promise<ImapSession> {
  const endpoint = imapEndpoint(input.fields);
  const password = input.secrets.app_password?.reveal() ?? '';
  if (password === '') {
    throw new ProviderError('credential_rejected', 'This Gmail connection has no app password.', {
      provider: 'Gmail',
      status: null,
    });
  }
  input.signal.throwIfAborted();
  // Loaded on first use: imapflow and its MIME stack keep ~13 MB resident, read mail or not.
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow({
    host: endpoint.host,
    port: endpoint.port,
    secure: true,
    auth: { user: endpoint.email, pass: password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout,
    greetingTimeout: connectionTimeout,
    socketTimeout,
    tls: { rejectUnauthorized: true },
  });
  // imapflow also emits socket errors as events; without a listener they would crash the process.
  client.on('error', () => {});
  const onAbort = () => client.close();
  input.signal.addEventListener('abort', onAbort, { once: true });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    input.signal.removeEventListener('abort', onAbort);
    if (client.usable) {
      await Promise.race([
        client.logout().catch(() => {}),
        new Promise((resolve) => setTimeout(resolve, logoutTimeout).unref()),
      ]);
    }
    client.close();
  };
  try {
    await client.connect();
  } catch (error) {
    await close();
    input.signal.throwIfAborted();
    throw imapError(error, endpoint.host);
  }
  return { client, endpoint, close };
}
