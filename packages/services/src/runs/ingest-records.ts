import {
  ConnError,
  type ConnectionStatus,
  collectionSite,
  isProofGated,
  ModalitySchema,
  maxIngestBatch,
} from '@conn/setup-engine';
import {
  type ConnectionRow,
  countConnectionRecords,
  findCredentialId,
  findLatestRun,
  findLiveCollectorTokenId,
  recordRunIngest,
  type StoreDb,
  upsertRecords,
} from '@conn/store';
import { loadConnection } from '../connections/load-connection';
import type { Actor, ServiceDeps } from '../service-deps';
import { applyTransition } from '../shared/apply-transition';
import { writeAuditEvent } from '../shared/audit-event';
import { decideTransition } from '../shared/decide-transition';
import { credentialNoticeHolds } from '../syncs/credential-notice-holds';
import { openRun } from './open-run';
import { raiseRunEvent } from './raise-run-event';
import { recordLateProof } from './record-late-proof';
import { recordProofOnce } from './record-proof';

/** A batch of one stream's records for one connection. */
export interface IngestInput {
  connectionId: string;
  /** The run the records belong to, when a run collects them. */
  runId?: string | null;
  stream: string;
  records: readonly Readonly<Record<string, unknown>>[];
  /** The collector's cursor after this batch, kept with the run so a resumed run starts there. */
  checkpoint?: string | undefined;
}

/** What happened to a batch. */
export interface IngestResult {
  accepted: number;
  rejected: number;
  /** Why each rejected record was refused, by its index in the batch. */
  rejections: { index: number; reason: string }[];
  /** True for exactly one ingest per activation: the one that turned the connection active. */
  activated: boolean;
  /** The connection's status after this batch. */
  status: ConnectionStatus;
}

/**
 * Stores a batch (an idempotent upsert by each stream's record key) and, when
 * it is the first accepted batch of a draft (or of a connection under
 * repair), activates the connection — in the same transaction, through the
 * engine's `first_ingest_accepted` and a conditional update on the status, so
 * any number of concurrent first batches activate it exactly once and every
 * record is kept. A batch with no accepted record activates nothing. Revoked
 * connections and retired drafts take no records (`illegal_transition`).
 * Activating a proof-gated modality records the deployment's proof if it has
 * none.
 *
 * @example
 * const result = await services.ingestRecords({ connectionId, runId, stream: 'repositories', records });
 * if (result.activated) notifyOwner();
 */
export async function ingestRecords(
  deps: ServiceDeps,
  input: IngestInput,
  actor: Actor = 'system',
): Promise<IngestResult> {
  const rejections: IngestResult['rejections'] = [];
  const byKey = new Map<string, Readonly<Record<string, unknown>>>();
  const preview = await loadConnection(deps.store.db, input.connectionId);
  const { manifest } = deps.registry.require(preview.connector);
  const stream = manifest.streams.find((candidate) => candidate.name === input.stream);
  if (stream === undefined) {
    throw new ConnError('invalid_request', `${manifest.name} has no stream with that name.`, {
      streams: manifest.streams.map((candidate) => candidate.name),
    });
  }
  if (input.records.length > maxIngestBatch) {
    throw new ConnError('payload_too_large', `Send at most ${maxIngestBatch} records per batch.`);
  }
  input.records.forEach((record, index) => {
    const key = recordKey(record[stream.record_key]);
    if (key === null) {
      rejections.push({ index, reason: `missing record key "${stream.record_key}"` });
    } else {
      // The last copy of a key in one batch wins, as a later batch would.
      byKey.set(key, record);
    }
  });
  const accepted = [...byKey].map(([key, data]) => ({ key, data }));
  const acceptedCount = input.records.length - rejections.length;
  const now = deps.clock();

  return deps.store.transaction(async (trx) => {
    const connection = await loadConnection(trx, input.connectionId);
    const decided = decideTransition(connection, { type: 'first_ingest_accepted' });
    const { from } = decided;
    // Records do not lift a "credential expiring" notice: only a credential that lasts does.
    const held =
      from === 'needs_attention' && (await credentialNoticeHolds(trx, connection.id, now));
    const outcome = held
      ? { ...decided.outcome, status: from, activated: false, emits: [] }
      : decided.outcome;
    if (outcome.activated) await assertBoundaryReached(trx, connection);
    const run =
      input.runId === undefined || input.runId === null
        ? null
        : await openRun(trx, input.runId, { connectionId: connection.id });
    if (accepted.length > 0) {
      await upsertRecords(trx, connection.id, stream.name, accepted, run?.id ?? null, now);
    }
    if (run !== null) {
      // A batch on a queued run starts it (the SQL below marks it running).
      if (run.status === 'queued') raiseRunEvent(trx, connection, run, now, 'run_started');
      const open = await recordRunIngest(trx, run.id, {
        accepted: acceptedCount,
        rejected: rejections.length,
        checkpoint: input.checkpoint,
        now,
      });
      // Ended since it was read (the owner cancelled it): the batch goes back with this transaction.
      if (!open) throw new ConnError('run_not_claimable', 'This run has already finished.');
    }
    let activated = false;
    if (accepted.length > 0 && outcome.activated) {
      const applied = await applyTransition(
        trx,
        connection,
        { type: 'first_ingest_accepted' },
        now,
        {
          expires_at: null,
        },
        run === null ? {} : { run_id: run.id },
      );
      activated = applied.changed;
      if (activated) {
        await onActivated(trx, now, {
          ownerId: connection.owner_id,
          connectionId: connection.id,
          connector: connection.connector,
          modality: connection.modality,
          runId: run?.id ?? null,
          actor,
        });
      }
    }
    // A path active before its records (provider authorization) is proven by its first accepted batch.
    if (accepted.length > 0 && !outcome.activated && from === 'active' && run !== null) {
      await recordLateProof(trx, now, connection, run.id, actor);
    }
    // Losing the activation race still leaves the connection active: the winner activated it.
    const status = accepted.length > 0 ? outcome.status : from;
    return { accepted: acceptedCount, rejected: rejections.length, rejections, activated, status };
  });
}

/**
 * The modality's proof boundary: only a draft holding what its path produces
 * (a stored credential, an enrolled collector) may turn active by ingest.
 */
async function assertBoundaryReached(db: StoreDb, connection: ConnectionRow): Promise<void> {
  const site = collectionSite(ModalitySchema.parse(connection.modality));
  let reached = true;
  // The server collects with a stored credential; a device collects with its enrolled token.
  if (site === 'server') {
    reached = (await findCredentialId(db, connection.id)) !== undefined;
  } else if (site === 'device') {
    reached = (await findLiveCollectorTokenId(db, connection.id)) !== undefined;
  }
  if (!reached) {
    throw new ConnError(
      'illegal_transition',
      'This connection cannot take records before its credential is stored or its collector is enrolled.',
      { from: connection.status },
    );
  }
}

/** A record key as text: a non-empty string or a finite number. */
function recordKey(value: unknown): string | null {
  if (typeof value === 'string' && value.length > 0 && value.length <= 512) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** The once-only side effects of an activation: audit event and, for gated modalities, the proof. */
async function onActivated(
  db: StoreDb,
  now: Date,
  facts: {
    ownerId: string;
    connectionId: string;
    connector: string;
    modality: string;
    runId: string | null;
    actor: Actor;
  },
): Promise<void> {
  const modality = ModalitySchema.parse(facts.modality);
  const recordCount = await countConnectionRecords(db, facts.connectionId);
  // A proof names the run that produced it; a run-less ingest borrows the connection's latest run.
  const runId = facts.runId ?? (await findLatestRun(db, facts.connectionId))?.id ?? null;
  let proofRecorded = false;
  if (isProofGated(modality) && runId !== null && recordCount > 0) {
    proofRecorded = await recordProofOnce(db, now, {
      ownerId: facts.ownerId,
      connector: facts.connector,
      modality,
      connectionId: facts.connectionId,
      runId,
      recordCount,
    });
  }
  await writeAuditEvent(db, now, {
    ownerId: facts.ownerId,
    actor: facts.actor,
    action: 'connection.activated',
    connectionId: facts.connectionId,
    details: { run_id: runId, records: recordCount, proof_recorded: proofRecorded },
  });
}
