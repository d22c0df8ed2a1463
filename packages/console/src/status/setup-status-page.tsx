import type { IntentNextStep, SetupStatus } from '@conn/sdk';
import { setupStateSentence } from '@conn/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { consoleClient } from '../client/console-client';
import { pagePaths } from '../client/page-paths';
import { queryKeys } from '../client/query-keys';
import { StepView } from '../setup/step-view';
import { ErrorMessage } from '../shared/error-message';
import { localDateTime } from '../shared/local-time';
import { SameAccountNote } from './same-account-note';
import { SetupStages } from './setup-stages';
import { useSetupStatus } from './use-setup-status';

/**
 * One connection's setup, live: who it is (the identity echo), its named
 * stages, records so far, and either "View records" once done or the one
 * repair action when it failed.
 */
export function SetupStatusPage({ id }: { id: string }) {
  const status = useSetupStatus(id);
  const connector = status.data?.connector ?? null;
  const plan = useQuery({
    queryKey: queryKeys.plan(connector ?? ''),
    queryFn: ({ signal }) => consoleClient().plan(connector ?? '', { signal }),
    enabled: connector !== null,
  });
  if (status.isPending) return <p aria-live="polite">Loading the setup status…</p>;
  if (status.data === undefined) return <ErrorMessage error={status.error} />;
  const name = plan.data?.connector.name ?? 'This source';
  const current = status.data;
  const identity = current.account?.label ?? null;
  return (
    <>
      <h1>
        {name}
        {current.label !== null && current.label !== identity ? `: ${current.label}` : ''}
      </h1>
      {identity !== null && (
        <p className="identity">
          Connected as <strong>{identity}</strong>
        </p>
      )}
      <SameAccountNote status={current} name={name} />
      <p aria-live="polite" className="state">
        {setupStateSentence(current.setup_state)}
      </p>
      <SetupStages status={current} />
      <RunFacts status={current} />
      {current.setup_state === 'active' && (
        <p>
          <Link className="button" href={pagePaths.connectionRecords(id)}>
            View records
          </Link>
        </p>
      )}
      {current.status !== 'draft' && (
        <p>
          <Link href={pagePaths.connection(id)}>This connection's details</Link>
        </p>
      )}
      {plan.data !== undefined && <Repair status={current} plan={plan.data} />}
    </>
  );
}

function RunFacts({ status }: { status: SetupStatus }) {
  const run = status.run;
  return (
    <dl className="facts">
      <div>
        <dt>Records so far</dt>
        <dd aria-live="polite">{status.records_total.toLocaleString()}</dd>
      </div>
      {run?.stage !== null && run?.stage !== undefined && (
        <div>
          <dt>Current stage</dt>
          <dd>{run.stage}</dd>
        </div>
      )}
      {status.activated_at !== null && (
        <div>
          <dt>Connected since</dt>
          <dd>{localDateTime(status.activated_at)}</dd>
        </div>
      )}
    </dl>
  );
}

function Repair({
  status,
  plan,
}: {
  status: SetupStatus;
  plan: NonNullable<Parameters<typeof StepView>[0]['plan']>;
}) {
  const queryClient = useQueryClient();
  const [step, setStep] = useState<IntentNextStep | null>(null);
  const reconnect = useMutation({
    mutationFn: () => consoleClient().reconnect(status.connection_id),
    onSuccess: (result) => {
      setStep(result.next_step);
      void queryClient.invalidateQueries({ queryKey: queryKeys.setupStatus(status.connection_id) });
    },
  });
  const remediation = status.remediation;
  if (step !== null) return <StepView plan={plan} step={step} intent={null} />;
  if (remediation === null) return null;
  return (
    <section aria-labelledby="repair-heading" className="repair">
      <h2 id="repair-heading">{remediation.label}</h2>
      <p>{remediation.description}</p>
      {remediation.kind === 'restart_setup' ? (
        <Link className="button" href={pagePaths.addSource}>
          Start a new setup
        </Link>
      ) : (
        <button type="button" disabled={reconnect.isPending} onClick={() => reconnect.mutate()}>
          {remediation.label}
        </button>
      )}
      <ErrorMessage error={reconnect.error} />
    </section>
  );
}
