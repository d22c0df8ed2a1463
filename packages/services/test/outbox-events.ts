import type { ConnectionEvent } from '@conn/setup-engine';
import type { Services } from '../src/index';

/**
 * Every event the owner's outbox holds after `after`, oldest first, read
 * page by page through `listEvents` (so each one parsed the published schema).
 *
 * @example
 * const events = await outboxEvents(fx.services, fx.owner);
 */
export async function outboxEvents(
  services: Services,
  owner: string,
  options: { after?: number; connectionId?: string } = {},
): Promise<ConnectionEvent[]> {
  const events: ConnectionEvent[] = [];
  let after = options.after ?? 0;
  for (;;) {
    const page = await services.listEvents(owner, {
      after,
      ...(options.connectionId === undefined ? {} : { connectionId: options.connectionId }),
    });
    events.push(...page.items);
    if (page.items.length === 0) return events;
    after = page.next_after;
  }
}

/** The newest event id the owner can see (0 before the first): a mark to read after. */
export async function outboxMark(services: Services, owner: string): Promise<number> {
  const events = await outboxEvents(services, owner);
  return events.at(-1)?.id ?? 0;
}
