import { ConnError } from '@conn/setup-engine';
import { hashToken } from '@conn/store';

/**
 * Checks the CSRF token a cookie-authenticated mutation must carry against
 * the session's stored hash; throws `csrf_rejected`.
 *
 * @example
 * assertCsrf(session.csrf_hash, request.headers['x-csrf-token']);
 */
export function assertCsrf(csrfHash: string, presented: string | undefined): void {
  if (presented === undefined || hashToken(presented) !== csrfHash) {
    throw new ConnError(
      'csrf_rejected',
      'This request needs the X-CSRF-Token header of your console session.',
    );
  }
}
