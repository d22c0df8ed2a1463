import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { consoleClient } from '../client/console-client';
import { queryKeys } from '../client/query-keys';
import { ErrorMessage } from '../shared/error-message';
import { ConnectorCard } from './connector-card';

/** Add source: the searchable catalog of every connector this server knows. */
export function AddSourcePage() {
  const catalog = useQuery({
    queryKey: queryKeys.catalog,
    queryFn: ({ signal }) => consoleClient().connectors({ signal }),
  });
  const [search, setSearch] = useState('');
  const term = useDeferredValue(search.trim().toLowerCase());
  const entries = (catalog.data ?? []).filter(({ plan }) =>
    term === ''
      ? true
      : [plan.connector.name, plan.connector.description, plan.connector.category].some((text) =>
          text.toLowerCase().includes(term),
        ),
  );
  return (
    <>
      <h1>Add a source</h1>
      <div className="search">
        <label htmlFor="catalog-search">Search sources</label>
        <input
          id="catalog-search"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          autoComplete="off"
        />
      </div>
      <ErrorMessage error={catalog.error} />
      {catalog.isPending && <p aria-live="polite">Loading the catalog…</p>}
      <p className="muted" aria-live="polite">
        {catalog.data === undefined
          ? ''
          : `${entries.length} of ${catalog.data.length} sources shown.`}
      </p>
      <ul className="cards">
        {entries.map((entry) => (
          <ConnectorCard key={entry.plan.connector.key} entry={entry} />
        ))}
      </ul>
    </>
  );
}
