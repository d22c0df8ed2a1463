import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import { consoleClient } from '../client/console-client';
import { pagePaths } from '../client/page-paths';
import { queryKeys } from '../client/query-keys';
import { ErrorMessage } from '../shared/error-message';
import { localDateTime } from '../shared/local-time';

const pageSize = 50;

/** The records a connection collected, one stream at a time, a page at a time. */
export function RecordsPage({ id }: { id: string }) {
  const status = useQuery({
    queryKey: queryKeys.setupStatus(id),
    queryFn: ({ signal }) => consoleClient().setupStatus(id, { signal }),
  });
  const connector = status.data?.connector ?? null;
  const plan = useQuery({
    queryKey: queryKeys.plan(connector ?? ''),
    queryFn: ({ signal }) => consoleClient().plan(connector ?? '', { signal }),
    enabled: connector !== null,
  });
  // A link from the connection's page opens one stream (`?stream=`).
  const opened = new URLSearchParams(useSearch()).get('stream');
  const [stream, setStream] = useState<string | null>(opened);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const records = useQuery({
    queryKey: queryKeys.records(id, stream, cursor),
    queryFn: ({ signal }) =>
      consoleClient().records(
        id,
        { ...(stream === null ? {} : { stream }), cursor, limit: pageSize },
        { signal },
      ),
  });
  const streams = plan.data?.streams ?? [];
  const label = (name: string) => streams.find((s) => s.name === name)?.label ?? name;
  return (
    <>
      <h1>Records{plan.data === undefined ? '' : ` of ${plan.data.connector.name}`}</h1>
      <p>
        <Link href={pagePaths.connection(id)}>Back to this connection</Link>
      </p>
      {streams.length > 1 && (
        <div className="field">
          <label htmlFor="record-stream">Stream</label>
          <select
            id="record-stream"
            value={stream ?? ''}
            onChange={(event) => {
              setStream(event.target.value === '' ? null : event.target.value);
              setCursors([null]);
            }}
          >
            <option value="">All streams</option>
            {streams.map((s) => (
              <option key={s.name} value={s.name}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <ErrorMessage error={records.error} />
      {records.isPending && <p aria-live="polite">Loading records…</p>}
      {records.data?.items.length === 0 && <p>No records yet.</p>}
      <ul className="records">
        {records.data?.items.map((record) => (
          <li key={`${record.stream}:${record.key}`}>
            <p>
              <strong>{label(record.stream)}</strong> <span className="muted">{record.key}</span>
              <span className="muted"> · updated {localDateTime(record.updated_at)}</span>
            </p>
            <pre>{JSON.stringify(record.data, null, 2)}</pre>
          </li>
        ))}
      </ul>
      <div className="pager">
        {cursors.length > 1 && (
          <button type="button" onClick={() => setCursors((all) => all.slice(0, -1))}>
            Previous page
          </button>
        )}
        {records.data?.next_cursor != null && (
          <button
            type="button"
            onClick={() => setCursors((all) => [...all, records.data?.next_cursor ?? null])}
          >
            Next page
          </button>
        )}
      </div>
    </>
  );
}
