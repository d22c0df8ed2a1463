import {
  type ArtifactStatus,
  importableArtifactStatuses,
  openRunStatuses,
} from '@conn/setup-engine';
import { applyTransition } from './apply-transition';
import { writeAuditEvent } from './audit-event';
import type { ServiceDeps } from './service-deps';

/** What one sweep retired. */
export interface SweepResult {
  enrollment_codes: number;
  /** Drafts past their lifetime: browser enrollment shells and collector drafts nobody enrolled. */
  expired_drafts: number;
  authorization_sessions: number;
  upload_artifacts: number;
}

/** Artifacts that may still be imported; once past their lifetime they expire. */
const expiredArtifact: ArtifactStatus = 'expired';
const draftBatch = 200;

/**
 * Retires every abandoned attempt past its lifetime: unused enrollment codes,
 * drafts with an `expires_at` that passed (enrollment shells, collector drafts
 * whose codes ran out) through the engine's `shell_expired`, unused
 * authorization sessions, and staged artifacts never imported. Drafts without
 * a lifetime, live connections and finished attempts are never touched.
 * Safe to run from several processes at once: every update is conditional.
 *
 * @example
 * setInterval(() => services.sweepExpired(), 60_000);
 */
export async function sweepExpired(
  deps: ServiceDeps,
  now: Date = deps.clock(),
): Promise<SweepResult> {
  const stamp = now.toISOString();
  const db = deps.store.db;
  const codes = await db
    .updateTable('enrollment_codes')
    .set({ retired_at: stamp })
    .where('used_at', 'is', null)
    .where('retired_at', 'is', null)
    .where('expires_at', '<=', stamp)
    .executeTakeFirst();
  const sessions = await db
    .updateTable('authorization_sessions')
    .set({ retired_at: stamp })
    .where('used_at', 'is', null)
    .where('retired_at', 'is', null)
    .where('expires_at', '<=', stamp)
    .executeTakeFirst();
  const artifacts = await db
    .updateTable('upload_artifacts')
    .set({ status: expiredArtifact, updated_at: stamp })
    .where('imported_at', 'is', null)
    // A file claimed by a running import is not abandoned; `sweepUploads` releases dead claims.
    .where('connection_id', 'is', null)
    .where('status', 'in', [...importableArtifactStatuses])
    .where('expires_at', '<=', stamp)
    .executeTakeFirst();

  let drafts = 0;
  for (;;) {
    const retired = await deps.store.transaction(async (trx) => {
      const due = await trx
        .selectFrom('connections')
        .selectAll()
        .where('status', '=', 'draft')
        .where('retired_at', 'is', null)
        .where('expires_at', '<=', stamp)
        .orderBy('expires_at')
        .limit(draftBatch)
        .execute();
      let count = 0;
      for (const draft of due) {
        const { changed } = await applyTransition(trx, draft, { type: 'shell_expired' }, now);
        if (!changed) continue;
        count += 1;
        await trx
          .updateTable('runs')
          .set({ status: 'cancelled', error_code: 'expired', finished_at: stamp })
          .where('connection_id', '=', draft.id)
          .where('status', 'in', openRunStatuses)
          .execute();
        await writeAuditEvent(trx, now, {
          ownerId: draft.owner_id,
          actor: 'system',
          action: 'setup.expired',
          connectionId: draft.id,
          details: { expires_at: draft.expires_at },
        });
      }
      return { count, more: due.length === draftBatch };
    });
    drafts += retired.count;
    if (!retired.more) break;
  }

  return {
    enrollment_codes: Number(codes.numUpdatedRows),
    expired_drafts: drafts,
    authorization_sessions: Number(sessions.numUpdatedRows),
    upload_artifacts: Number(artifacts.numUpdatedRows),
  };
}
