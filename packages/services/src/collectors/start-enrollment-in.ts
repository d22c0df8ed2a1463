import { ConnError, type Manifest } from '@conn/setup-engine';
import type { ConnectionRow, StoreDb } from '@conn/store';
import { insertConnection } from '../connections/insert-connection';
import type { Actor } from '../service-deps';
import { attemptLifetimes, expiresAfter } from '../shared/attempt-lifetimes';
import { writeAuditEvent } from '../shared/audit-event';
import type { EnrollmentCodeGrant } from './enrollment-code-grant';
import { issueFirstEnrollmentCodeIn } from './issue-enrollment-code-in';

/**
 * `mintEnrollmentCode` inside a caller's transaction (an intent creates the
 * draft and the code atomically with itself). Resolves with the code and the
 * draft it made.
 *
 * @example
 * const { grant, draft } = await startEnrollmentIn(trx, now, { ownerId, manifest, label: null, unproven: false, intentId, actor });
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
    /** The deployment's public origin, for the command the device runs. */
    origin: string | null;
  },
): Promise<{ grant: EnrollmentCodeGrant; draft: ConnectionRow }> {
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
    input.intentId === null ? {} : { intent_id: input.intentId },
  );
  await writeAuditEvent(db, now, {
    ownerId: input.ownerId,
    actor: input.actor,
    action: 'draft.created',
    connectionId: draft.id,
    details: { connector: manifest.key, unproven: input.unproven },
  });
  // The draft was created with the code's lifetime and has no earlier code to retire.
  const grant = await issueFirstEnrollmentCodeIn(
    db,
    now,
    draft,
    input.intentId,
    input.actor,
    input.origin,
  );
  return { grant, draft };
}
