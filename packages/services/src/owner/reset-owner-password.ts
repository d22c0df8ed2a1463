import { ConnError } from '@conn/setup-engine';
import { findFirstOwner, revokeOwnerSessionsExcept, setOwnerPasswordHash } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { writeAuditEvent } from '../shared/audit-event';
import { generateOwnerPassword, hashOwnerPassword } from './owner-password';

/** A reset's outcome: the generated password (null when one was given) is returned exactly once. */
export interface OwnerPasswordReset {
  generatedPassword: string | null;
  endedSessions: number;
}

/**
 * Resets a lost owner password from the server's terminal (`conn-server
 * reset-password`): sets `password`, or a generated one-time password, and
 * ends every owner session. Throws `invalid_request` before first boot
 * created the owner.
 *
 * @example
 * const { generatedPassword } = await services.resetOwnerPassword(null);
 */
export async function resetOwnerPassword(
  deps: ServiceDeps,
  password: string | null,
): Promise<OwnerPasswordReset> {
  const owner = await findFirstOwner(deps.store.db);
  if (owner === undefined) {
    throw new ConnError(
      'invalid_request',
      'This server has no owner yet: start it once and it prints the first password.',
    );
  }
  const generatedPassword = password === null ? generateOwnerPassword() : null;
  const hash = await hashOwnerPassword(password ?? generatedPassword ?? '');
  const now = deps.clock();
  const endedSessions = await deps.store.transaction(async (trx) => {
    await setOwnerPasswordHash(trx, owner.id, hash);
    const count = await revokeOwnerSessionsExcept(trx, owner.id, null, now);
    await writeAuditEvent(trx, now, {
      ownerId: owner.id,
      actor: 'system',
      action: 'owner.password_reset',
      connectionId: null,
      details: { ended_sessions: count },
    });
    return count;
  });
  return { generatedPassword, endedSessions };
}
