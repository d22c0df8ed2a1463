import { ConnError, ConnectionLabelSchema, cliCommands, type Manifest } from '@conn/setup-engine';
import {
  type ConnectionRow,
  extendDraftLifetime,
  hashToken,
  insertEnrollmentCode,
  newId,
  type StoreDb,
} from '@conn/store';
import { z } from 'zod';
import { insertConnection } from '../connections/insert-connection';
import type { Actor, ServiceDeps } from '../service-deps';
import { assertSetupAvailable } from '../shared/assert-setup-available';
import { attemptLifetimes, expiresAfter } from '../shared/attempt-lifetimes';
import { writeAuditEvent } from '../shared/audit-event';
import { planFor } from '../shared/plan-for';
import { newEnrollmentCode, normalizeEnrollmentCode } from './enrollment-code';

/** A one-time code handed to the owner once, with the exact command that uses it. */
export interface EnrollmentCodeGrant {
  connection_id: string;
  /** Plaintext, shown this once; the store keeps only its hash. */
  enrollment_code: string;
  /** `conn collector enroll --code …`, the published CLI's command. */
  command: string;
  expires_at: string;
}

/** What minting a local-collector setup takes. */
export const EnrollmentRequestSchema = z.strictObject({
  connector: z.string().min(1),
  label: ConnectionLabelSchema.optional(),
});
export type EnrollmentRequest = z.input<typeof EnrollmentRequestSchema>;

/**
 * Starts a local-collector setup: a draft plus a one-time enrollment code
 * (15 minutes). The draft carries the code's expiry, so an attempt nobody
 * enrolls reads `expired` at once and the sweeper retires it.
 *
 * @example
 * const { enrollment_code, command } = await services.mintEnrollmentCode(ownerId, { connector: 'claude-code' });
 * // command === 'conn collector enroll --code 7KQ2-M9XD-4T0B'
 */
export async function mintEnrollmentCode(
  deps: ServiceDeps,
  ownerId: string,
  input: EnrollmentRequest,
  actor: Actor = 'owner',
): Promise<EnrollmentCodeGrant> {
  const parsed = EnrollmentRequestSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConnError('invalid_request', 'Name the connector (and optionally a label).');
  }
  const { manifest } = deps.registry.require(parsed.data.connector);
  const plan = await planFor(deps, ownerId, manifest.key);
  assertSetupAvailable(plan);
  const now = deps.clock();
  return deps.store.transaction((trx) =>
    startEnrollmentIn(trx, now, {
      ownerId,
      manifest,
      label: parsed.data.label ?? null,
      unproven: plan.support_state === 'proof_gated',
      intentId: null,
      actor,
    }),
  );
}

/**
 * `mintEnrollmentCode` inside a caller's transaction (an intent creates the
 * draft and the code atomically with itself).
 *
 * @example
 * const grant = await startEnrollmentIn(trx, now, { ownerId, manifest, label: null, unproven: false, intentId, actor });
 */
export async function startEnrollmentIn(
  db: StoreDb,
  now: Date,
  input: {
    ownerId: string;
    manifest: Manifest;
    label: string | null;
    unproven: boolean;
    intentId: string | null;
    actor: Actor;
  },
): Promise<EnrollmentCodeGrant> {
  const { manifest } = input;
  if (manifest.setup.modality !== 'local_collector') {
    throw new ConnError(
      'modality_mismatch',
      `${manifest.name} is not set up by enrolling a collector on a device.`,
      { connector: manifest.key, modality: manifest.setup.modality },
    );
  }
  const draft = await insertConnection(
    db,
    now,
    { type: 'draft_created' },
    {
      ownerId: input.ownerId,
      connector: manifest.key,
      modality: manifest.setup.modality,
      label: input.label,
      fields: {},
      unproven: input.unproven,
      expiresAt: expiresAfter(now, attemptLifetimes.enrollmentCodeMs),
    },
  );
  await writeAuditEvent(db, now, {
    ownerId: input.ownerId,
    actor: input.actor,
    action: 'draft.created',
    connectionId: draft.id,
    details: { connector: manifest.key, unproven: input.unproven },
  });
  return issueEnrollmentCodeIn(db, now, draft, input.intentId, input.actor);
}

/**
 * Issues a new code for an existing connection: a draft awaiting its device
 * (its lifetime is extended to the new code's), or a live connection being
 * re-enrolled on reconnect. Earlier unused codes stay valid until they expire
 * or one of them is exchanged.
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
  if (connection.status === 'draft') await extendDraftLifetime(db, connection.id, expiresAt, now);
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
    command: cliCommands.enrollCollector(code.reveal()),
    expires_at: expiresAt,
  };
}
