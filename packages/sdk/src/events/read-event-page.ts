import { contract } from '@conn/setup-engine';
import { ConnResponseError } from '../conn-response-error';
import type { ConnEvent, EventPage } from '../response-types';
import { readEvent } from './read-event';

const route = `GET ${contract.listEvents.path}`;

/**
 * A page of `GET /v1/owner/events` as this SDK reads it: items one by one,
 * so an event type newer than the SDK drops out instead of failing the page
 * (`EventPageSchema` itself would refuse it).
 *
 * @example
 * const page = readEventPage(await response.json());
 */
export function readEventPage(value: unknown): EventPage {
  const page = value as { items?: unknown; next_after?: unknown } | null;
  if (
    typeof page !== 'object' ||
    page === null ||
    !Array.isArray(page.items) ||
    !Number.isSafeInteger(page.next_after) ||
    (page.next_after as number) < 0
  ) {
    throw new ConnResponseError(`The answer to ${route} does not match the conn contract.`, {
      status: 200,
      route,
    });
  }
  const items = page.items
    .map((item: unknown) => readEvent(item))
    .filter((event): event is ConnEvent => event !== null);
  return { items, next_after: page.next_after as number };
}
