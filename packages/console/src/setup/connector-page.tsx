import { useQuery } from '@tanstack/react-query';
import { consoleClient } from '../client/console-client';
import { queryKeys } from '../client/query-keys';
import { ErrorMessage } from '../shared/error-message';
import { planStep, StepView } from './step-view';

/**
 * One connector's plan and its step before any setup exists: where the
 * catalog sends a connector whose next step needs no setup of the owner's
 * (this server's own setup, or an honest "not here yet").
 */
export function ConnectorPage({ connectorKey }: { connectorKey: string }) {
  const plan = useQuery({
    queryKey: queryKeys.plan(connectorKey),
    queryFn: ({ signal }) => consoleClient().plan(connectorKey, { signal }),
  });
  if (plan.isPending) return <p aria-live="polite">Loading…</p>;
  if (plan.data === undefined) return <ErrorMessage error={plan.error} />;
  return (
    <>
      <h1>{plan.data.connector.name}</h1>
      <p className="muted">{plan.data.connector.description}</p>
      <StepView plan={plan.data} step={planStep(plan.data)} intent={null} />
    </>
  );
}
