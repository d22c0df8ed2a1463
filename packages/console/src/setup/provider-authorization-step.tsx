import { useMutation } from '@tanstack/react-query';
import { consoleClient } from '../client/console-client';
import { ErrorMessage } from '../shared/error-message';
import type { StepProps } from './step-props';

/** OAuth: one button to the provider; the provider sends the owner back to this setup's status page. */
export function ProviderAuthorizationStep({ plan, step }: StepProps) {
  const go = useMutation({
    mutationFn: () =>
      consoleClient().authorize(plan.connector.key, {
        ...(step.unproven ? { unproven: true } : {}),
        ...(step.connection_id === null ? {} : { connectionId: step.connection_id }),
      }),
    onSuccess: (start) => window.location.assign(start.authorization_url),
  });
  const provider =
    plan.descriptor.modality === 'provider_authorization'
      ? plan.descriptor.authorization.provider_app_label
      : plan.connector.name;
  return (
    <section aria-labelledby="step-heading">
      <h2 id="step-heading">{step.label}</h2>
      <p>{step.description}</p>
      <p>You sign in at {provider} and approve access; then you come back here.</p>
      <button type="button" disabled={go.isPending} onClick={() => go.mutate()}>
        Continue to {plan.connector.name}
      </button>
      <ErrorMessage error={go.error} />
    </section>
  );
}
