import { ConnError } from '@conn/setup-engine';
import { forgetAttemptLimit, lockAttemptLimit, putAttemptLimit } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { waitCopy } from '../shared/wait-copy';
import type { AttemptScope } from './attempt-policy';
import { weighAttempt } from './attempt-policy';

/**
 * Runs one guess at a secret on behalf of `client` (its address), counted in
 * the database so every replica and a restarted server see the same count.
 * The guess is counted before it is tried, so a burst of concurrent guesses
 * cannot all slip through, and one that fails stays counted; one that
 * succeeds forgets the client's guesses (the owner who mistyped twice starts
 * clean). Past the budget the call throws `rate_limited` with
 * `retry_after_seconds`, and `attempt` is not run.
 *
 * @example
 * const owner = await guardAttempt(deps, 'owner_password', ip, () => authenticateOwner(deps, pw));
 */
export async function guardAttempt<T>(
  deps: ServiceDeps,
  scope: AttemptScope,
  client: string,
  attempt: () => Promise<T>,
): Promise<T> {
  const policy = deps.attemptPolicies[scope];
  const now = deps.clock();
  const verdict = await deps.store.transaction(async (trx) => {
    const row = await lockAttemptLimit(trx, scope, client, now.toISOString());
    const weighed = weighAttempt(row, now, policy);
    if (weighed.next !== row) await putAttemptLimit(trx, weighed.next);
    return weighed;
  });
  if (!verdict.allowed) {
    const seconds = Math.ceil(verdict.retryAfterMs / 1000);
    throw new ConnError(
      'rate_limited',
      `Too many attempts. Try again in ${waitCopy(seconds * 1000)}.`,
      {
        retry_after_seconds: seconds,
      },
    );
  }
  const result = await attempt();
  await forgetAttemptLimit(deps.store.db, scope, client);
  return result;
}
