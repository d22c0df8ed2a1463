import type { StoreDb } from './store-db';

/**
 * The last event id a consumer of the outbox has handled, creating its
 * cursor at `startAt` the first time. The upsert touches the row, so on
 * PostgreSQL its lock holds every other consumer of the same name (another
 * replica) until this transaction ends, and that one then reads the advanced
 * cursor; on SQLite the single writer serializes them anyway.
 *
 * @example
 * const after = await lockEventCursor(trx, 'webhooks', await lastEventId(trx));
 */
export async function lockEventCursor(
  trx: StoreDb,
  name: string,
  startAt: number,
): Promise<number> {
  const row = await trx
    .insertInto('event_cursors')
    .values({ name, last_event_id: startAt })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({
        last_event_id: eb.ref('event_cursors.last_event_id'),
      })),
    )
    .returning('last_event_id')
    .executeTakeFirstOrThrow();
  return row.last_event_id;
}

/**
 * Moves a consumer's cursor to `lastEventId`, in the transaction that did the
 * work for the events up to it.
 *
 * @example
 * await advanceEventCursor(trx, 'webhooks', events.at(-1).id);
 */
export async function advanceEventCursor(
  trx: StoreDb,
  name: string,
  lastEventId: number,
): Promise<void> {
  await trx
    .updateTable('event_cursors')
    .set({ last_event_id: lastEventId })
    .where('name', '=', name)
    .execute();
}
