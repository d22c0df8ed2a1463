import type { WebhookDeliveryStatus } from '@conn/setup-engine';
import type { Kysely } from 'kysely';
import type { Database, WebhookDeliveryRow } from './schema';
import type { Store, StoreDialect } from './store';

/** Who claims, the clock, and how long a claim holds the delivery. */
export interface ClaimDeliveryOptions {
  /** A stable id for this worker (process), recorded in `claimed_by`. */
  readonly workerId: string;
  readonly now: Date;
  /**
   * How long the claim keeps other workers off: longer than one attempt can
   * take. A worker that dies mid-attempt loses the delivery to the next
   * claimer once the lease has run out.
   */
  readonly leaseMs: number;
}

/** How a claimed delivery's attempt ended. */
export interface DeliverySettlement {
  readonly status: WebhookDeliveryStatus;
  /** When to try again; null once settled. */
  readonly nextAttemptAt: string | null;
  /** When the attempt was made; null when the delivery settled without one (its webhook is gone). */
  readonly attemptedAt: string | null;
  readonly statusCode: number | null;
  readonly error: string | null;
}

/**
 * The delivery due longest ago, as the claim sees it. On PostgreSQL the row
 * is locked `FOR UPDATE SKIP LOCKED`, so concurrent claimers in other
 * processes each get a different delivery instead of waiting on one another;
 * on SQLite the serialized `BEGIN IMMEDIATE` transaction gives the same
 * guarantee. Served by the `webhook_deliveries (status, next_attempt_at, id)` index.
 *
 * @example
 * const next = await nextDueDeliveryQuery(trx, store.dialect, now).executeTakeFirst();
 */
export function nextDueDeliveryQuery(db: Kysely<Database>, dialect: StoreDialect, now: string) {
  return db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(1)
    .$if(dialect === 'postgres', (qb) => qb.forUpdate().skipLocked());
}

/**
 * Claims the delivery due longest ago for this worker: `attempts` goes up,
 * `claimed_by`/`claimed_at` are set and `next_attempt_at` moves out by the
 * lease, so no other claimer (in this process or another sharing the
 * database) takes it while the attempt runs. Resolves `undefined` when none
 * is due.
 *
 * @example
 * const delivery = await claimNextDelivery(store, { workerId, now: new Date(), leaseMs: 60_000 });
 */
export async function claimNextDelivery(
  store: Store,
  options: ClaimDeliveryOptions,
): Promise<WebhookDeliveryRow | undefined> {
  const now = options.now.toISOString();
  const leaseEnd = new Date(options.now.getTime() + options.leaseMs).toISOString();
  return store.transaction(async (trx) => {
    const next = await nextDueDeliveryQuery(trx, store.dialect, now).executeTakeFirst();
    if (next === undefined) return undefined;
    return trx
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        claimed_by: options.workerId,
        claimed_at: now,
        next_attempt_at: leaseEnd,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', '=', next.id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
  });
}

/**
 * Records the outcome of this worker's attempt and releases the claim.
 * Resolves `false`, writing nothing, when the claim is no longer this
 * attempt's (its lease ran out and another worker took the delivery).
 *
 * @example
 * await settleDelivery(store.db, claimed, workerId, { status: 'succeeded', … });
 */
export async function settleDelivery(
  db: Kysely<Database>,
  claimed: Pick<WebhookDeliveryRow, 'id' | 'attempts'>,
  workerId: string,
  outcome: DeliverySettlement,
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({
      status: outcome.status,
      next_attempt_at: outcome.nextAttemptAt,
      ...(outcome.attemptedAt === null
        ? {}
        : {
            last_attempt_at: outcome.attemptedAt,
            last_status_code: outcome.statusCode,
            last_error: outcome.error,
          }),
      delivered_at: outcome.status === 'succeeded' ? outcome.attemptedAt : null,
      claimed_by: null,
      claimed_at: null,
    })
    .where('id', '=', claimed.id)
    .where('claimed_by', '=', workerId)
    .where('attempts', '=', claimed.attempts)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
