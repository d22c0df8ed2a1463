import { cliCommands } from '@conn/setup-engine';
import {
  type ConnectionRow,
  extendDraftLifetime,
  hashToken,
  insertEnrollmentCode,
  newId,
  retireOpenEnrollmentCodes,
  type StoreDb,
} from '@conn/store';
import { raiseEvent } from '../events/raise-event';
import type { Actor } from '../service-deps';
import { attemptLifetimes, expiresAfter } from '../shared/attempt-lifetimes';
import { writeAuditEvent } from '../shared/audit-event';
import { newEnrollmentCode, normalizeEnrollmentCode } from './enrollment-code';
import type { EnrollmentCodeGrant } from './enrollment-code-grant';

/**
 * Issues a new code for an existing connection: a draft awaiting its device
 * (its lifetime is extended to the new code's), or a live connection being
 * re-enrolled on reconnect. A draft holds at most one live code (design D21):
 * the new one retires its earlier unused codes. Publishes
 * `enrollment_code_minted` (never the code).
 *
 * @example
 * const grant = await issueEnrollmentCodeIn(trx, now, connection, null, 'owner');
 */
export async function issueEnrollmentCodeIn(
  db: StoreDb,
  now: Date,
  connection: ConnectionRow,
  intentId: string | null,
  actor: Actor,
  origin: string | null,
): Promise<EnrollmentCodeGrant> {
  if (connection.status === 'draft') {
    // Updating the draft first locks its row, so concurrent retries queue here
    // and each one's retirement sees the code the previous one committed.
    const expiresAt = expiresAfter(now, attemptLifetimes.enrollmentCodeMs);
    await extendDraftLifetime(db, connection.id, expiresAt, now);
    await retireOpenEnrollmentCodes(db, connection.id, now);
  }
  return issueFirstEnrollmentCodeIn(db, now, connection, intentId, actor, origin);
}

/**
 * {@link issueEnrollmentCodeIn} for a connection with no live code yet — a
 * draft this transaction just created with the code's lifetime — so there is
 * nothing to extend or retire.
 *
 * @example
 * const grant = await issueFirstEnrollmentCodeIn(trx, now, draft, intentId, actor, origin);
 */
export async function issueFirstEnrollmentCodeIn(
  db: StoreDb,
  now: Date,
  connection: ConnectionRow,
  intentId: string | null,
  actor: Actor,
  origin: string | null,
): Promise<EnrollmentCodeGrant> {
  const code = newEnrollmentCode();
  const expiresAt = expiresAfter(now, attemptLifetimes.enrollmentCodeMs);
  await insertEnrollmentCode(db, {
    id: newId('enr'),
    intent_id: intentId,
    connection_id: connection.id,
    code_hash: hashToken(normalizeEnrollmentCode(code.reveal())!),
    expires_at: expiresAt,
    used_at: null,
    retired_at: null,
    created_at: now.toISOString(),
  });
  raiseEvent(db, connection.owner_id, now, {
    type: 'enrollment_code_minted',
    connector: connection.connector,
    connection_id: connection.id,
    ...(intentId === null ? {} : { intent_id: intentId }),
    expires_at: expiresAt,
  });
  await writeAuditEvent(db, now, {
    ownerId: connection.owner_id,
    actor,
    action: 'enrollment_code.issued',
    connectionId: connection.id,
    details: { expires_at: expiresAt },
  });
  return {
    connection_id: connection.id,
    enrollment_code: code.reveal(),
    command: cliCommands.enrollCollector(code.reveal(), origin),
    expires_at: expiresAt,
  };
}
