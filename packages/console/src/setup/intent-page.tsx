import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { consoleClient } from '../client/console-client';
import { pagePaths } from '../client/page-paths';
import { queryKeys } from '../client/query-keys';
import { ErrorMessage } from '../shared/error-message';
import { StepView } from './step-view';

/**
 * A setup the owner (or an agent for them) started: where it stands, and its
 * one next step. The intent is read once and kept: a collector's code comes
 * only with the answer that minted it.
 */
export function IntentPage({ id }: { id: string }) {
  const intent = useQuery({
    queryKey: queryKeys.intent(id),
    queryFn: ({ signal }) => consoleClient().intent(id, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
  if (intent.isPending) return <p aria-live="polite">Loading this setup…</p>;
  if (intent.data === undefined) return <ErrorMessage error={intent.error} />;
  const { plan, next_step: step } = intent.data;
  const name = plan.connector.name;
  return (
    <>
      <h1>Set up {name}</h1>
      {(() => {
        switch (intent.data.status) {
          case 'pending_owner_action':
            return <StepView plan={plan} step={step} intent={intent.data} />;
          case 'blocked':
            return (
              <>
                <p>{intent.data.blocked?.message ?? plan.support_reason}</p>
                <Link href={pagePaths.addSource}>Back to the catalog</Link>
              </>
            );
          case 'completed':
            return (
              <p>
                This setup is done.{' '}
                {intent.data.connection_id !== null && (
                  <Link href={pagePaths.connectionSetup(intent.data.connection_id)}>
                    See its status
                  </Link>
                )}
              </p>
            );
          case 'expired':
            return (
              <p>
                This setup attempt ended before it finished. Nothing was connected.{' '}
                <Link href={pagePaths.addSource}>Start again</Link>
              </p>
            );
          case 'unknown':
            return <p>{plan.support_reason}</p>;
        }
      })()}
    </>
  );
}
