import { ConnClient } from '@conn/sdk';
import { consoleSession } from '@conn/setup-engine';
import { readCookie } from './read-cookie';

/**
 * The console's one client: the serving origin, the browser's cookie session
 * (sent by fetch on same-origin requests) and the CSRF token read from its
 * cookie on every mutation. The console holds no token of its own.
 */
export function consoleClient(): ConnClient {
  client ??= new ConnClient({
    baseUrl: window.location.origin,
    csrfToken: () => readCookie(consoleSession.csrfCookie),
  });
  return client;
}

let client: ConnClient | undefined;

/** Whether the browser holds a console session (its CSRF cookie) at all; the server decides if it is valid. */
export function hasSessionCookie(): boolean {
  return readCookie(consoleSession.csrfCookie) !== null;
}
