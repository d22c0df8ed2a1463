import { ConnError, type OwnerPasswordChanged } from '@conn/setup-engine';
import { findFirstOwner, revokeOwnerSessionsExcept, setOwnerPasswordHash } from '@conn/store';
import { guardAttempt } from '../attempts/guard-attempt';
import type { ServiceDeps } from '../service-deps';
import { writeAuditEvent } from '../shared/audit-event';
import { hashOwnerPassword, verifyOwnerPassword } from './owner-password';

/** Who asks for the change: the owner, on one of their sessions. */
export interface PasswordChangeCaller {
  ownerId: string;
  sessionId: string;
  /** The caller's address: guesses at the current password count with login's. */
  client: string;
}

/**
 * Changes the owner password from a signed-in session: checks the current
 * one (`current_password_incorrect`, a 422 rather than a 401, so a typo does
 * not sign the owner out), stores the new hash and ends every other owner
 * session. Agent and collector tokens are left alone: they never knew the
 * password.
 *
 * @example
 * const { ended_sessions } = await services.changeOwnerPassword(caller, current, next);
 */
export async function changeOwnerPassword(
  deps: ServiceDeps,
  caller: PasswordChangeCaller,
  currentPassword: string,
  newPassword: string,
): Promise<OwnerPasswordChanged> {
  const owner = await guardAttempt(deps, 'owner_password', caller.client, async () => {
    const found = await findFirstOwner(deps.store.db);
    if (
      found === undefined ||
      found.id !== caller.ownerId ||
      !(await verifyOwnerPassword(currentPassword, found.password_hash))
    ) {
      throw new ConnError('current_password_incorrect', 'The current password is not right.');
    }
    return found;
  });
  const hash = await hashOwnerPassword(newPassword);
  const now = deps.clock();
  const ended = await deps.store.transaction(async (trx) => {
    await setOwnerPasswordHash(trx, owner.id, hash);
    const count = await revokeOwnerSessionsExcept(trx, owner.id, caller.sessionId, now);
    await writeAuditEvent(trx, now, {
      ownerId: owner.id,
      actor: 'owner',
      action: 'owner.password_changed',
      connectionId: null,
      details: { ended_sessions: count },
    });
    return count;
  });
  return { ended_sessions: ended };
}
