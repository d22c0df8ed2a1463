import type { IntentNextStep, SetupPlan, SetupStatus } from '@conn/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { consoleClient } from '../client/console-client';
import { queryKeys } from '../client/query-keys';
import { planStep, StepView } from '../setup/step-view';
import { ErrorMessage } from '../shared/error-message';

type Open = 'none' | 'revoke' | 'rotate';

/**
 * What the owner can do with one connection: revoke it (records kept),
 * reconnect it (this connection's own step, shown here), or replace its
 * credential when the plan's step is a credential form. One at a time.
 */
export function ConnectionActions({
  status,
  plan,
  name,
}: {
  status: SetupStatus;
  plan: SetupPlan;
  name: string;
}) {
  const queryClient = useQueryClient();
  const id = status.connection_id;
  const [open, setOpen] = useState<Open>('none');
  const [step, setStep] = useState<IntentNextStep | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.setupStatus(id) }),
      queryClient.invalidateQueries({ queryKey: ['connections'] }),
    ]);
  const revoke = useMutation({
    mutationFn: () => consoleClient().revoke(id),
    onSuccess: (next) => {
      queryClient.setQueryData(queryKeys.setupStatus(id), next);
      setOpen('none');
      void refresh();
    },
  });
  const reconnect = useMutation({
    mutationFn: () => consoleClient().reconnect(id),
    onSuccess: (result) => {
      setOpen('none');
      setStep(result.next_step);
      void refresh();
    },
  });
  const rotatable =
    plan.next_step.kind === 'capture_static_secret' &&
    status.credential?.present === true &&
    status.status !== 'revoked';
  const rotation: IntentNextStep = {
    ...planStep(plan),
    connection_id: id,
    label: 'Replace the credential',
    description: `Enter the new one. ${name} keeps the current credential until the new one is accepted.`,
  };

  return (
    <section aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      <p className="actions">
        <button
          type="button"
          disabled={reconnect.isPending}
          onClick={() => reconnect.mutate()}
          aria-describedby="reconnect-help"
        >
          Reconnect
        </button>
        {rotatable && (
          <button
            type="button"
            className="quiet"
            aria-expanded={open === 'rotate'}
            onClick={() => {
              setStep(null);
              setOpen(open === 'rotate' ? 'none' : 'rotate');
            }}
          >
            Rotate the credential
          </button>
        )}
        {status.status !== 'revoked' && (
          <button
            type="button"
            className="quiet"
            aria-expanded={open === 'revoke'}
            onClick={() => setOpen(open === 'revoke' ? 'none' : 'revoke')}
          >
            Revoke
          </button>
        )}
      </p>
      <p id="reconnect-help" className="muted">
        Reconnect repairs this same connection: its records and its name stay.
      </p>
      <ErrorMessage error={reconnect.error} />
      {open === 'revoke' && (
        <section className="note" aria-labelledby="revoke-heading">
          <h3 id="revoke-heading">Revoke this connection?</h3>
          <p>
            Collection stops at once and the credential is no longer used. The records already
            collected are kept, and you can reconnect later.
          </p>
          <p className="actions">
            <button
              type="button"
              className="danger"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate()}
            >
              Yes, revoke it
            </button>
            <button type="button" className="quiet" onClick={() => setOpen('none')}>
              Keep it
            </button>
          </p>
          <ErrorMessage error={revoke.error} />
        </section>
      )}
      {open === 'rotate' && <StepView plan={plan} step={rotation} intent={null} />}
      {step !== null && <StepView plan={plan} step={step} intent={null} />}
    </section>
  );
}
