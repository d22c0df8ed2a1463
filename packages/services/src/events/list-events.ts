import { type ConnectionEvent, ConnectionEventSchema, type EventPage } from '@conn/setup-engine';
import { listEventsAfter } from '@conn/store';
import type { ServiceDeps } from '../service-deps';

/** Which page of the outbox to read. */
export interface ListEventsOptions {
  /** The last id the caller has; 0 for the beginning. */
  after: number;
  connectionId?: string;
  /** Default and maximum 500. */
  limit?: number;
}

const maxPage = 500;

/**
 * The owner's published events after `after`, oldest first, in commit order:
 * a reader that passes back `next_after` misses and repeats nothing.
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
  const rows = await listEventsAfter(deps.store.db, {
    ownerId,
    after: options.after,
    ...(options.connectionId === undefined ? {} : { connectionId: options.connectionId }),
    limit,
  });
  const items: ConnectionEvent[] = rows.map((row) =>
    ConnectionEventSchema.parse(JSON.parse(row.body_json)),
  );
  return { items, next_after: rows.at(-1)?.id ?? options.after };
}
