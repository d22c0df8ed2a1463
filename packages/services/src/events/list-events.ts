import { type ConnectionEvent, ConnectionEventSchema, type EventPage } from '@conn/setup-engine';
import { listEventsAfter, listEventsBefore } from '@conn/store';
import type { ServiceDeps } from '../service-deps';

/** Which page of the outbox to read. */
export interface ListEventsOptions {
  /** The last id the caller has; 0 for the beginning. */
  after: number;
  /** Paging back instead: the newest events below this id (`after` is then ignored). */
  before?: number;
  connectionId?: string;
  /** Default and maximum 500. */
  limit?: number;
}

const maxPage = 500;

/**
 * The owner's published events after `after`, oldest first, in commit order:
 * a reader that passes back `next_after` misses and repeats nothing. With
 * `before`, the newest events below it, also oldest first: a reader pages
 * back by passing the first item's id (`next_after` is then the last item's).
 *
 * @example
 * const { items, next_after } = await listEvents(deps, ownerId, { after: 0 });
 */
export async function listEvents(
  deps: ServiceDeps,
  ownerId: string,
  options: ListEventsOptions,
): Promise<EventPage> {
  const limit = Math.min(Math.max(1, options.limit ?? maxPage), maxPage);
  const scope = {
    ownerId,
    ...(options.connectionId === undefined ? {} : { connectionId: options.connectionId }),
    limit,
  };
  const rows =
    options.before === undefined
      ? await listEventsAfter(deps.store.db, { ...scope, after: options.after })
      : await listEventsBefore(deps.store.db, { ...scope, before: options.before });
  const items: ConnectionEvent[] = rows.map((row) =>
    ConnectionEventSchema.parse(JSON.parse(row.body_json)),
  );
  return { items, next_after: rows.at(-1)?.id ?? options.after };
}
