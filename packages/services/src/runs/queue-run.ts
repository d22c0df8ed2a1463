import {
  ConnError,
  collectionSite,
  ModalitySchema,
  RunStatusSchema,
  type RunSummary,
} from '@conn/setup-engine';
import { findOpenRun, insertRun, newId, type RunRow, type StoreDb, takeOverRun } from '@conn/store';
import { loadOwnedConnection } from '../connections/owned-connection';
import type { Actor, ServiceDeps } from '../service-deps';
import { writeAuditEvent } from '../shared/audit-event';

/** What a run does: a draft's first sync, a later sync, or an upload import. */
export const runKinds = ['first_sync', 'sync', 'import'] as const;
export type RunKind = (typeof runKinds)[number];

/**
 * Queues a run for a connection unless one is already queued or running, in
 * which case that one is returned: a connection never has two live runs.
 *
 * @example
 * const run = await queueRunIn(trx, now, connection.id, 'first_sync');
 */
export async function queueRunIn(
  db: StoreDb,
  now: Date,
  connectionId: string,
  kind: RunKind,
  payload: Readonly<Record<string, string | number | boolean | null>> = {},
): Promise<RunRow> {
  const live = await findOpenRun(db, connectionId);
  if (live !== undefined) return live;
  const stamp = now.toISOString();
  const run: RunRow = {
    id: newId('run'),
    connection_id: connectionId,
    kind,
    status: 'queued',
    stage: null,
    records_accepted: 0,
    records_rejected: 0,
    error_code: null,
    error_message: null,
    payload_json: JSON.stringify(payload),
    claimed_by: null,
    claimed_at: null,
    heartbeat_at: null,
    attempts: 0,
    created_at: stamp,
    started_at: null,
    finished_at: null,
  };
  await insertRun(db, run);
  return run;
}

/**
 * Queues a sync of one of the owner's connections: the first sync of a draft,
 * a later sync of a live one. Revoked connections and retired drafts collect
 * nothing (`illegal_transition`); connections the server does not collect
 * (device collectors, uploads) are `modality_mismatch`.
 *
 * @example
 * const run = await services.queueRun(ownerId, connectionId);
 */
export async function queueRun(
  deps: ServiceDeps,
  ownerId: string,
  connectionId: string,
  actor: Actor = 'owner',
): Promise<RunSummary> {
  const now = deps.clock();
  return deps.store.transaction(async (trx) => {
    const connection = await loadOwnedConnection(trx, ownerId, connectionId);
    if (connection.status === 'revoked' || connection.retired_at !== null) {
      throw new ConnError(
        'illegal_transition',
        'This connection is not collecting any more; reconnect it first.',
        { from: connection.status },
      );
    }
    if (collectionSite(ModalitySchema.parse(connection.modality)) !== 'server') {
      throw new ConnError(
        'modality_mismatch',
        'This connection is not synced by the server: run its collector on your device, or import its files.',
        { modality: connection.modality },
      );
    }
    const kind: RunKind = connection.status === 'draft' ? 'first_sync' : 'sync';
    const run = await queueRunIn(trx, now, connection.id, kind);
    await writeAuditEvent(trx, now, {
      ownerId,
      actor,
      action: 'run.queued',
      connectionId: connection.id,
      details: { run_id: run.id, kind: run.kind },
    });
    return summarizeRun(run);
  });
}

/**
 * Opens a run that a device-side collector (local or browser) executes. It
 * starts `running`, claimed by the collector's token, so no server worker
 * ever claims it from the queue; if the device stops reporting, the stale-run
 * recovery returns it to the queue and a server worker ends it as failed
 * with `collector_stopped`, which the owner sees with its repair action.
 *
 * @example
 * const run = await openDeviceRunIn(trx, now, connection.id, 'first_sync', tokenId);
 */
export async function openDeviceRunIn(
  db: StoreDb,
  now: Date,
  connectionId: string,
  kind: RunKind,
  tokenId: string,
): Promise<RunRow> {
  const live = await findOpenRun(db, connectionId);
  const stamp = now.toISOString();
  const claim = { claimed_by: `collector:${tokenId}`, claimed_at: stamp, heartbeat_at: stamp };
  if (live !== undefined) {
    // A new device takes over the open run instead of leaving two.
    await takeOverRun(db, live.id, { claimedBy: claim.claimed_by, now });
    return { ...live, ...claim, status: 'running', started_at: live.started_at ?? stamp };
  }
  const run: RunRow = {
    id: newId('run'),
    connection_id: connectionId,
    kind,
    status: 'running',
    stage: null,
    records_accepted: 0,
    records_rejected: 0,
    error_code: null,
    error_message: null,
    payload_json: '{}',
    ...claim,
    attempts: 1,
    created_at: stamp,
    started_at: stamp,
    finished_at: null,
  };
  await insertRun(db, run);
  return run;
}

/** The read view of a run row. */
export function summarizeRun(run: RunRow): RunSummary {
  return {
    id: run.id,
    kind: run.kind,
    status: RunStatusSchema.parse(run.status),
    stage: run.stage,
    records_accepted: Number(run.records_accepted),
    error_code: run.error_code,
    created_at: run.created_at,
    finished_at: run.finished_at,
  };
}
