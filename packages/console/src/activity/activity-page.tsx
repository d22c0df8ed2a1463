import { eventSentence } from '@conn/sdk';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { consoleClient } from '../client/console-client';
import { pagePaths } from '../client/page-paths';
import { queryKeys } from '../client/query-keys';
import { ErrorMessage } from '../shared/error-message';
import { LocalTime } from '../shared/local-time-tag';
import { useActivity } from './use-activity';

/**
 * Activity: what happened to the owner's sources, newest first, in plain
 * words and local times. New events appear at the top as they happen;
 * older ones a page at a time.
 */
export function ActivityPage() {
  const activity = useActivity();
  const catalog = useQuery({
    queryKey: queryKeys.catalog,
    queryFn: ({ signal }) => consoleClient().connectors({ signal }),
  });
  const nameOf = (key: string) =>
    catalog.data?.find((entry) => entry.plan.connector.key === key)?.plan.connector.name ?? key;
  return (
    <>
      <h1>Activity</h1>
      <p className="muted" role="status">
        {activity.live
          ? 'Live: new activity appears here as it happens.'
          : activity.loaded
            ? 'Not live right now: reload the page to see new activity.'
            : 'Loading…'}
      </p>
      <ErrorMessage error={activity.error} />
      {activity.loaded && activity.events.length === 0 && <p>Nothing has happened yet.</p>}
      <ol className="events" aria-label="Recent activity, newest first">
        {activity.events.map((event) => (
          <li key={event.id} className="event">
            <p>
              <strong>{nameOf(event.connector)}</strong>: {eventSentence(event)}
            </p>
            <p className="muted row">
              <LocalTime iso={event.occurred_at} />
              {event.connection_id !== null && (
                <Link href={pagePaths.connectionSetup(event.connection_id)}>Open this source</Link>
              )}
            </p>
          </li>
        ))}
      </ol>
      {activity.hasOlder && (
        <button
          type="button"
          className="quiet"
          disabled={activity.loadingOlder}
          onClick={activity.loadOlder}
        >
          {activity.loadingOlder ? 'Loading…' : 'Show older activity'}
        </button>
      )}
    </>
  );
}
