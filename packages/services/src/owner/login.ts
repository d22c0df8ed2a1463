import { guardAttempt } from '../attempts/guard-attempt';
import type { ServiceDeps } from '../service-deps';
import { authenticateOwner } from './authenticate-owner';
import { type IssuedSession, issueOwnerSession } from './issue-owner-session';

/**
 * Logs the owner in: checks the password (`invalid_credentials` when wrong)
 * and issues a new owner session. Guesses are limited per client address
 * (`rate_limited`), counted with those at the password-change check.
 *
 * @example
 * const session = await services.login(password, request.ip);
 */
export async function login(
  deps: ServiceDeps,
  password: string,
  client: string,
): Promise<IssuedSession> {
  const owner = await guardAttempt(deps, 'owner_password', client, () =>
    authenticateOwner(deps, password),
  );
  return issueOwnerSession(deps, owner);
}
