import {
  cancelOpenRuns,
  expireAbandonedArtifacts,
  forgetQuietAttemptLimits,
  listExpiredDrafts,
  retireExpiredAuthorizationSessions,
  retireExpiredEnrollmentCodes,
} from '@conn/store';
import { attemptsForgottenAfterMs } from '../attempts/attempt-policy';
import type { ServiceDeps } from '../service-deps';
import { applyTransition } from '../shared/apply-transition';
import { writeAuditEvent } from '../shared/audit-event';

/** What one sweep retired. */
export interface SweepResult {
  enrollment_codes: number;
  /** Drafts past their lifetime: browser enrollment shells and collector drafts nobody enrolled. */
  expired_drafts: number;
  authorization_sessions: number;
  upload_artifacts: number;
  /** Guess counters of clients that went quiet (and wait for nothing). */
  attempt_limits: number;
}

const draftBatch = 200;

/**
 * Retires every abandoned attempt past its lifetime: unused enrollment codes,
 * drafts with an `expires_at` that passed (enrollment shells, collector drafts
 * whose codes ran out) through the engine's `shell_expired`, unused
 * authorization sessions, staged artifacts never imported, and the guess
 * counters of clients quiet for a day. Drafts without
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
  const db = deps.store.db;
  const codes = await retireExpiredEnrollmentCodes(db, now);
  const sessions = await retireExpiredAuthorizationSessions(db, now);
  // A file claimed by a running import is not abandoned; `sweepUploads` releases dead claims.
  const artifacts = await expireAbandonedArtifacts(db, now);
  const attempts = await forgetQuietAttemptLimits(
    db,
    new Date(now.getTime() - attemptsForgottenAfterMs).toISOString(),
    now.toISOString(),
  );

  let drafts = 0;
  for (;;) {
    const retired = await deps.store.transaction(async (trx) => {
      const due = await listExpiredDrafts(trx, now, draftBatch);
      let count = 0;
      for (const draft of due) {
        const { changed } = await applyTransition(trx, draft, { type: 'shell_expired' }, now);
        if (!changed) continue;
        count += 1;
        await cancelOpenRuns(trx, draft.id, { errorCode: 'expired', now });
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
    enrollment_codes: codes,
    expired_drafts: drafts,
    authorization_sessions: sessions,
    upload_artifacts: artifacts,
    attempt_limits: attempts,
  };
}
