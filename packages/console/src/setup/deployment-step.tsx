import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { consoleClient } from '../client/console-client';
import { CopyableCode } from '../shared/copy-button';
import { ErrorMessage } from '../shared/error-message';
import type { StepProps } from './step-props';

/**
 * A deployment blocker: what this server still lacks, for whoever runs it.
 * When the fix is a provider OAuth app, the operator registers the exact
 * redirect URI shown here with the provider, then enters the app's client id
 * and secret (sealed on the server; the secret input is emptied on submit).
 */
export function DeploymentStep({ plan, step }: StepProps) {
  const authorization =
    plan.descriptor.modality === 'provider_authorization' ? plan.descriptor.authorization : null;
  const providerAppFix = plan.readiness.blockers.some((blocker) => blocker.fix !== null);
  return (
    <section aria-labelledby="step-heading">
      <h2 id="step-heading">{step.label}</h2>
      <ul className="blockers">
        {plan.readiness.blockers.map((blocker) => (
          <li key={blocker.label}>
            {blocker.label} {blocker.action}
          </li>
        ))}
      </ul>
      {authorization !== null && providerAppFix && (
        <ProviderAppForm
          group={authorization.provider_app_group}
          label={authorization.provider_app_label}
          redirectUri={authorization.redirect_uri}
          connectorKey={plan.connector.key}
        />
      )}
    </section>
  );
}

function ProviderAppForm({
  group,
  label,
  redirectUri,
  connectorKey,
}: {
  group: string;
  label: string;
  redirectUri: string | null;
  connectorKey: string;
}) {
  const queryClient = useQueryClient();
  const [clientId, setClientId] = useState('');
  const [instanceUrl, setInstanceUrl] = useState('');
  const secret = useRef<HTMLInputElement>(null);
  const save = useMutation({
    mutationFn: (clientSecret: string) =>
      consoleClient().putProviderApp(group, {
        client_id: clientId.trim(),
        client_secret: clientSecret,
        ...(instanceUrl.trim() === '' ? {} : { instance_url: instanceUrl.trim() }),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['plan', connectorKey] });
      void queryClient.invalidateQueries({ queryKey: ['catalog'] });
      void queryClient.invalidateQueries({ queryKey: ['intent'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = secret.current;
    if (input === null) return;
    const value = input.value;
    input.value = '';
    save.mutate(value);
  };
  return (
    <form onSubmit={submit} aria-busy={save.isPending}>
      <h3>{label}</h3>
      {redirectUri !== null ? (
        <>
          <p>Register this exact redirect URI with the provider:</p>
          <CopyableCode value={redirectUri} label="Copy the redirect URI" />
        </>
      ) : (
        <p>
          This server does not know its public address yet, so the redirect URI to register cannot
          be shown. The operator sets the server's public address first.
        </p>
      )}
      <div className="field">
        <label htmlFor="client-id">Client ID</label>
        <input
          id="client-id"
          type="text"
          required
          value={clientId}
          onChange={(event) => setClientId(event.target.value)}
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor="client-secret">Client secret</label>
        <input id="client-secret" type="password" required autoComplete="off" ref={secret} />
      </div>
      <details className="advanced">
        <summary>Self-managed instance</summary>
        <div className="field">
          <label htmlFor="instance-url">Instance address (optional)</label>
          <input
            id="instance-url"
            type="url"
            value={instanceUrl}
            onChange={(event) => setInstanceUrl(event.target.value)}
            autoComplete="off"
          />
        </div>
      </details>
      <button type="submit" disabled={save.isPending}>
        Save the provider app
      </button>
      {save.isSuccess && <p role="status">Saved. The provider app is ready to use.</p>}
      <ErrorMessage error={save.error} />
    </form>
  );
}
