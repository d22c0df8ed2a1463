import type { IntentNextStep } from '@conn/setup-engine';
import { type Manifest, type NextStep, stepWithConnection } from '@conn/setup-engine';
import type { ConnectionRow, StoreDb } from '@conn/store';
import { issueEnrollmentCodeIn } from '../collectors/issue-enrollment-code-in';
import type { Actor, ServiceDeps } from '../service-deps';
import { applyTransition } from '../shared/apply-transition';
import { writeAuditEvent } from '../shared/audit-event';
import { changedConcurrently } from '../shared/changed-concurrently';
import { consoleUrls } from '../shared/console-urls';
import { retryFirstSync } from './retry-first-sync';

/**
 * `reconnectConnection` inside a caller's transaction (an intent with
 * `reconnect_connection_id`). Resolves the step that lands on the connection.
 *
 * @example
 * const step = await reconnectIn(deps, trx, now, connection, manifest, actor);
 */
export async function reconnectIn(
  deps: ServiceDeps,
  db: StoreDb,
  now: Date,
  connection: ConnectionRow,
  manifest: Manifest,
  actor: Actor,
  intentId: string | null = null,
): Promise<IntentNextStep> {
  const context = intentId === null ? {} : { intent_id: intentId };
  const { changed } = await applyTransition(
    db,
    connection,
    { type: 'reconnect_started' },
    now,
    {},
    context,
  );
  if (!changed) throw changedConcurrently();
  const url = consoleUrls.connection(deps.deployment.public_origin, connection.id);
  const base = (step: NextStep): IntentNextStep => ({
    ...step,
    unproven: false,
    url,
    connection_id: connection.id,
    enrollment_code: null,
    command: null,
    expires_at: null,
  });
  const retried = await retryFirstSync(
    db,
    now,
    connection,
    manifest,
    deps.deployment.public_origin,
    intentId,
  );
  const next =
    retried === null
      ? await repairStep(
          db,
          now,
          connection,
          actor,
          base(stepWithConnection(manifest, { id: connection.id, unproven: false })),
          deps.deployment.public_origin,
          intentId,
        )
      : retried.command === null
        ? base(retried.step)
        : { ...base(retried.step), command: retried.command };
  await writeAuditEvent(db, now, {
    ownerId: connection.owner_id,
    actor,
    action: 'connection.reconnect_started',
    connectionId: connection.id,
    details: { from: connection.status, step: next.kind, first_sync_retried: retried !== null },
  });
  return next;
}

/** The connection's own setup step; one that enrolls a collector comes with its fresh one-time code. */
async function repairStep(
  db: StoreDb,
  now: Date,
  connection: ConnectionRow,
  actor: Actor,
  step: IntentNextStep,
  origin: string | null,
  intentId: string | null,
): Promise<IntentNextStep> {
  if (step.materializes !== 'enrollment_code') return step;
  const grant = await issueEnrollmentCodeIn(db, now, connection, intentId, actor, origin);
  return {
    ...step,
    enrollment_code: grant.enrollment_code,
    command: grant.command,
    expires_at: grant.expires_at,
  };
}
