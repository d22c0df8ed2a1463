import { type ConnError, isConnError } from '@conn/setup-engine';
import { ProviderError } from '../provider-error';

const provider = 'Gmail';

/** The parts of an imapflow error conn reads; none of them carries the password. */
interface ImapFailure {
  code?: unknown;
  authenticationFailed?: unknown;
  serverResponseCode?: unknown;
}

function failureOf(error: unknown): ImapFailure {
  return typeof error === 'object' && error !== null ? (error as ImapFailure) : {};
}

/**
 * True when the server refused the login itself (a tagged NO to LOGIN), which
 * judges the address and app password; a lost connection or a timeout does not.
 */
export function isLoginRefused(error: unknown): boolean {
  return failureOf(error).authenticationFailed === true;
}

/** The message an owner reads when the IMAP server refuses the address and app password. */
export function loginRefusedMessage(error: unknown): string {
  const code = failureOf(error).serverResponseCode;
  const why = typeof code === 'string' && /^[A-Z-]{1,40}$/.test(code) ? ` (${code})` : '';
  return `Gmail refused this address and app password${why}. Create a new app password in your Google Account and enter it here; your normal Google password will not work.`;
}

/**
 * Turns an imapflow failure into a `ProviderError`: a refused login is
 * `credential_rejected`, anything else (connection refused, TLS, timeout,
 * a command the server answered NO) `provider_unavailable`. The message names
 * Gmail and a code, never the server's free text (it may echo the login). A
 * `ConnError` (from the record sink, or already mapped) passes unchanged.
 *
 * @example
 * try { await client.connect(); } catch (error) { throw imapError(error, 'imap.gmail.com'); }
 */
export function imapError(error: unknown, host: string): ConnError {
  if (isConnError(error)) return error;
  if (isLoginRefused(error)) {
    return new ProviderError('credential_rejected', loginRefusedMessage(error), {
      provider,
      status: null,
    });
  }
  const failure = failureOf(error);
  const code =
    typeof failure.serverResponseCode === 'string'
      ? failure.serverResponseCode
      : typeof failure.code === 'string'
        ? failure.code
        : 'unknown';
  const safeCode = /^[A-Za-z0-9_-]{1,40}$/.test(code) ? code : 'unknown';
  return new ProviderError(
    'provider_unavailable',
    `Gmail's IMAP server ${host} could not be read (${safeCode}).`,
    { provider, status: null },
  );
}
