import { ConnError } from '@conn/setup-engine';
import { preparedInsert, preparedQuery } from '../prepared-query';
import type { EventRow } from '../schema';
import { transactionHooks } from '../transaction-hooks';
import type { StoreDb } from './store-db';

const bumpEventCounter = preparedInsert('event_counters', (query) =>
  query
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({
        last_id: eb('event_counters.last_id', '+', eb.ref('excluded.last_id')),
      })),
    )
    .returning('last_id'),
);
const insertEventRows = preparedInsert('events');

/** An event to append; the outbox gives it its id. */
export interface NewEventRow {
  owner_id: string;
  type: string;
  connection_id: string | null;
  occurred_at: string;
  /** Builds the stored body once the id is known (the published event carries it). */
  body: (id: number) => string;
}

/**
 * Appends events to the outbox in this transaction and returns them with their
 * ids. The ids come from bumping the `event_counters` row, whose lock (on
 * PostgreSQL; the single writer on SQLite) holds every other appender until
 * this transaction ends: ids therefore commit in order, and a reader that
 * resumes after the highest id it saw never skips one. Append last in a
 * transaction, so the lock is held only for the commit. Subscribers
 * (`store.onEvents`) are woken once the transaction commits.
 *
 * @example
 * await appendEvents(trx, [{ owner_id, type: 'draft_created', connection_id, occurred_at, body }]);
 */
export async function appendEvents(
  trx: StoreDb,
  rows: readonly NewEventRow[],
): Promise<EventRow[]> {
  if (rows.length === 0) return [];
  transactionHooks.markEventsAppended(trx);
  const [counter] = await bumpEventCounter(trx, [{ name: 'events', last_id: rows.length }]);
  if (counter === undefined)
    throw new ConnError('internal_error', 'The event counter returned no row.');
  const first = counter.last_id - rows.length + 1;
  const stored = rows.map((row, index) => ({
    id: first + index,
    owner_id: row.owner_id,
    type: row.type,
    connection_id: row.connection_id,
    occurred_at: row.occurred_at,
    body_json: row.body(first + index),
  }));
  await insertEventRows(trx, stored);
  return stored;
}

/** Which events a page reads. */
export interface EventQuery {
  ownerId: string;
  /** Exclusive: the last id the reader has. */
  after: number;
  connectionId?: string;
  limit: number;
}

/**
 * The owner's events after `after`, oldest first, up to `limit`; with
 * `connectionId`, that connection's only. Served by `(owner_id, id)` and
 * `(connection_id, id)`.
 *
 * @example
 * const rows = await listEventsAfter(store.db, { ownerId, after: 41, limit: 100 });
 */
export async function listEventsAfter(db: StoreDb, query: EventQuery): Promise<EventRow[]> {
  return db
    .selectFrom('events')
    .selectAll()
    .$if(query.connectionId !== undefined, (qb) =>
      qb.where('connection_id', '=', query.connectionId ?? ''),
    )
    .where('owner_id', '=', query.ownerId)
    .where('id', '>', query.after)
    .orderBy('id')
    .limit(query.limit)
    .execute();
}

/**
 * The owner's newest events with an id below `before`, up to `limit`,
 * returned oldest first like every page (paging back through the log);
 * with `connectionId`, that connection's only. Served by the same indexes.
 *
 * @example
 * const rows = await listEventsBefore(store.db, { ownerId, before: 120, limit: 50 });
 */
export async function listEventsBefore(
  db: StoreDb,
  query: Omit<EventQuery, 'after'> & { before: number },
): Promise<EventRow[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .$if(query.connectionId !== undefined, (qb) =>
      qb.where('connection_id', '=', query.connectionId ?? ''),
    )
    .where('owner_id', '=', query.ownerId)
    .where('id', '<', query.before)
    .orderBy('id', 'desc')
    .limit(query.limit)
    .execute();
  return rows.reverse();
}

/**
 * Every owner's events after `after`, oldest first, up to `limit`: the whole
 * outbox, for a deployment-wide consumer (the webhook fan-out). Served by the
 * primary key.
 *
 * @example
 * const rows = await listOutboxAfter(trx, { after: cursor, limit: 200 });
 */
export async function listOutboxAfter(
  db: StoreDb,
  query: { after: number; limit: number },
): Promise<EventRow[]> {
  return outboxAfterQuery(db, query).execute();
}

/** The query behind {@link listOutboxAfter}, for the query-plan test. */
export function outboxAfterQuery(db: StoreDb, query: { after: number; limit: number }) {
  return db
    .selectFrom('events')
    .selectAll()
    .where('id', '>', query.after)
    .orderBy('id')
    .limit(query.limit);
}

/**
 * One event by id, its stored body (the published JSON) included.
 *
 * @example
 * const event = await findEvent(store.db, delivery.event_id);
 */
export async function findEvent(db: StoreDb, eventId: number): Promise<EventRow | undefined> {
  return db.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirst();
}

/**
 * The newest event id of the deployment (0 before the first): where a stream
 * that wants only new events starts.
 *
 * @example
 * const from = await lastEventId(store.db);
 */
export async function lastEventId(db: StoreDb): Promise<number> {
  const [row] = await lastEventIdQuery(db);
  return row?.last_id ?? 0;
}

const lastEventIdQuery = preparedQuery((db) =>
  db.selectFrom('event_counters').select('last_id').where('name', '=', 'events'),
);

/**
 * The newest event of one type about a connection (a run's last published
 * progress, to throttle the next), or `undefined`. Served by
 * `(connection_id, id)`, walked backwards.
 *
 * @example
 * const last = await findLatestConnectionEvent(trx, { connectionId, type: 'run_progress' });
 */
export async function findLatestConnectionEvent(
  db: StoreDb,
  query: { connectionId: string; type: string },
): Promise<EventRow | undefined> {
  return latestConnectionEventQuery(db, query).executeTakeFirst();
}

/** The query behind {@link findLatestConnectionEvent}, for the query-plan test. */
export function latestConnectionEventQuery(
  db: StoreDb,
  query: { connectionId: string; type: string },
) {
  return db
    .selectFrom('events')
    .selectAll()
    .where('connection_id', '=', query.connectionId)
    .where('type', '=', query.type)
    .orderBy('id', 'desc')
    .limit(1);
}
