import type { ArtifactVerdict } from '@conn/setup-engine';
import {
  expireLapsedCopies,
  findArtifactOriginal,
  getArtifactRow,
  isUniqueViolation,
  recordArtifactVerdict,
  type UploadArtifactRow,
} from '@conn/store';
import type { Actor, ServiceDeps } from '../service-deps';
import { attemptLifetimes, expiresAfter } from '../shared/attempt-lifetimes';
import { writeAuditEvent } from '../shared/audit-event';
import { duplicateReport } from './duplicate-report';
import type { UploadJudgement } from './judge-upload';
import { raiseUploadVerdict } from './raise-upload-verdict';

/**
 * Stores a received file's verdict with its audit event and published
 * `upload_*` event, in one transaction.
 * A file judged `staged` turns `duplicate` when a concurrent upload staged the
 * same bytes meanwhile; a staged file gets its import lifetime from `decided`.
 * The re-check cannot see an upload staging the same bytes in a transaction
 * not yet committed (PostgreSQL, READ COMMITTED): the unique staged key
 * refuses the second one, and the retry finds the first and reads duplicate.
 * Resolves the stored row and the verdict that was stored.
 *
 * @example
 * const { stored, verdict } = await recordUploadVerdict(deps, { ownerId, actor, upload, judged, decided });
 */
export async function recordUploadVerdict(
  deps: ServiceDeps,
  facts: {
    readonly ownerId: string;
    readonly actor: Actor;
    /** The artifact row as received: its size and hash known. */
    readonly upload: UploadArtifactRow;
    readonly judged: UploadJudgement;
    readonly decided: Date;
  },
): Promise<{ stored: UploadArtifactRow; verdict: ArtifactVerdict }> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await storeVerdict(deps, facts);
    } catch (error) {
      // Lost the staged key to a concurrent upload: the retry reads the winner and records duplicate.
      if (!isUniqueViolation(error) || attempt >= maxStageAttempts) throw error;
    }
  }
}

/** A verdict races a concurrent staging at most this often before the error is the caller's. */
const maxStageAttempts = 3;

async function storeVerdict(
  deps: ServiceDeps,
  facts: Parameters<typeof recordUploadVerdict>[1],
): Promise<{ stored: UploadArtifactRow; verdict: ArtifactVerdict }> {
  const { upload, decided } = facts;
  return deps.store.transaction(async (trx) => {
    let { verdict, report } = facts.judged;
    if (verdict === 'staged') {
      // A lapsed copy the sweeper has not expired yet must not hold the staged key.
      await expireLapsedCopies(trx, upload, decided);
      // The same bytes may have been staged by a concurrent upload while this one validated.
      const raced = await findArtifactOriginal(trx, upload, decided);
      if (raced !== undefined) {
        verdict = 'duplicate';
        report = duplicateReport(raced);
      }
    }
    const validationJson = JSON.stringify(report);
    await recordArtifactVerdict(trx, upload.id, {
      status: verdict,
      validation_json: validationJson,
      expires_at:
        verdict === 'staged'
          ? expiresAfter(decided, attemptLifetimes.stagedArtifactMs)
          : upload.expires_at,
      now: decided,
    });
    raiseUploadVerdict(trx, decided, upload, verdict, validationJson);
    await writeAuditEvent(trx, decided, {
      ownerId: facts.ownerId,
      actor: facts.actor,
      action: `artifact.${verdict}`,
      connectionId: null,
      details: {
        artifact_id: upload.id,
        connector: upload.connector,
        size_bytes: upload.size_bytes,
        format: report.format,
      },
    });
    return { stored: await getArtifactRow(trx, upload.id), verdict };
  });
}
