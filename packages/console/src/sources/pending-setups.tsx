import type { SetupStatus } from '@conn/sdk';
import { setupStateSentence } from '@conn/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { consoleClient } from '../client/console-client';
import { pagePaths } from '../client/page-paths';
import { ErrorMessage } from '../shared/error-message';
import { localDateTime } from '../shared/local-time';
import { connectionTitle } from './connection-title';

/** Setups started and not finished: listed as pending, each with where it stands and "Abandon". */
export function PendingSetups({
  drafts,
  nameOf,
}: {
  drafts: readonly SetupStatus[];
  nameOf: (key: string) => string;
}) {
  if (drafts.length === 0) return null;
  return (
    <section aria-labelledby="pending-heading">
      <h2 id="pending-heading">Pending setups</h2>
      <ul className="cards">
        {drafts.map((draft) => (
          <PendingSetup key={draft.connection_id} draft={draft} name={nameOf(draft.connector)} />
        ))}
      </ul>
    </section>
  );
}

function PendingSetup({ draft, name }: { draft: SetupStatus; name: string }) {
  const queryClient = useQueryClient();
  const abandon = useMutation({
    mutationFn: () => consoleClient().abandonEnrollment(draft.connection_id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['connections'] }),
  });
  const title = connectionTitle(draft, name);
  return (
    <li className="card pending">
      <h3>
        {name}
        {title === name ? '' : `: ${title}`}
      </h3>
      <p>Pending setup. {setupStateSentence(draft.setup_state)}</p>
      <p className="muted">
        Started {localDateTime(draft.created_at)}
        {draft.expires_at === null ? '' : `; ends unfinished ${localDateTime(draft.expires_at)}`}
      </p>
      <p className="actions">
        <Link href={pagePaths.connectionSetup(draft.connection_id)}>Continue this setup</Link>
        <button
          type="button"
          className="quiet"
          disabled={abandon.isPending}
          onClick={() => abandon.mutate()}
        >
          Abandon this setup
        </button>
      </p>
      <ErrorMessage error={abandon.error} />
    </li>
  );
}
