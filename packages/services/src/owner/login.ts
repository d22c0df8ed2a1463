import type { ServiceDeps } from '../service-deps';
import { authenticateOwner } from './authenticate-owner';
import { type IssuedSession, issueOwnerSession } from './issue-owner-session';

/**
 * Logs the owner in: checks the password (`invalid_credentials` when wrong)
 * and issues a new owner session.
 *
 * @example
 * const session = await services.login(password);
 */
export async function login(deps: ServiceDeps, password: string): Promise<IssuedSession> {
  return issueOwnerSession(deps, await authenticateOwner(deps, password));
}
