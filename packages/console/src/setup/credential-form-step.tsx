import { type CredentialField, type SetupStatus, sameAccountRefusal } from '@conn/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { consoleClient } from '../client/console-client';
import { pagePaths } from '../client/page-paths';
import { queryKeys } from '../client/query-keys';
import { ErrorMessage } from '../shared/error-message';
import { SameAccountChoice } from './same-account-choice';
import type { StepProps } from './step-props';

type Fields = readonly CredentialField[];

/**
 * The credential form, generated from the plan's descriptor. Non-secret
 * values are kept in state (and survive a rejection); secret values live only
 * in their inputs, which are emptied the moment the request leaves, so no
 * secret stays in the DOM, in state or in a URL.
 */
export function CredentialFormStep({ plan, step }: StepProps) {
  const described: Fields =
    plan.descriptor.modality === 'static_secret' ? plan.descriptor.fields : [];
  // An existing connection (a reconnect, a rotation) keeps its settings: only the secret is asked again.
  const fields = step.connection_id === null ? described : described.filter((f) => f.secret);
  const plain = fields.filter((field) => !field.secret);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(plain.map((field) => [field.name, field.default ?? ''])),
  );
  const [label, setLabel] = useState('');
  const secretInputs = useRef(new Map<string, HTMLInputElement>());
  // Only while the owner decides what to do with an account already connected: memory, never state.
  const heldSecrets = useRef<Record<string, string> | null>(null);
  const draftId = useRef<string | null>(step.connection_id);
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();

  const submit = useMutation({
    mutationFn: async (secrets: Record<string, string>): Promise<SetupStatus> => {
      let connectionId = step.connection_id;
      if (connectionId === null) {
        const nonEmpty = Object.fromEntries(
          Object.entries(values).filter(([, value]) => value.trim() !== ''),
        );
        const draft = await consoleClient().createDraft({
          connector: plan.connector.key,
          fields: nonEmpty,
          ...(label.trim() === '' ? {} : { label: label.trim() }),
        });
        connectionId = draft.connection_id;
      }
      draftId.current = connectionId;
      try {
        return await consoleClient().submitCredential(connectionId, secrets);
      } catch (error) {
        if (sameAccountRefusal(error) !== null) heldSecrets.current = secrets;
        throw error;
      }
    },
    onSuccess: (status) => done(status, 'setup'),
  });
  const done = (status: SetupStatus, page: 'setup' | 'connection') => {
    queryClient.setQueryData(queryKeys.setupStatus(status.connection_id), status);
    navigate(
      page === 'setup'
        ? pagePaths.connectionSetup(status.connection_id)
        : pagePaths.connection(status.connection_id),
    );
  };
  const takeSecrets = () => {
    const secrets = heldSecrets.current ?? {};
    heldSecrets.current = null;
    return secrets;
  };
  const refusal = sameAccountRefusal(submit.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const secrets: Record<string, string> = {};
    for (const [name, input] of secretInputs.current) {
      if (input.value !== '') secrets[name] = input.value;
      input.value = '';
    }
    submit.mutate(secrets);
  };

  const basic = fields.filter((field) => !field.advanced);
  const advanced = fields.filter((field) => field.advanced);
  const render = (field: CredentialField) => (
    <FieldInput
      key={field.name}
      field={field}
      value={values[field.name] ?? ''}
      onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
      secretRef={(input) => {
        if (input === null) secretInputs.current.delete(field.name);
        else secretInputs.current.set(field.name, input);
      }}
    />
  );

  return (
    <section aria-labelledby="step-heading">
      <h2 id="step-heading">{step.label}</h2>
      <p>{step.description}</p>
      <form onSubmit={onSubmit} aria-busy={submit.isPending}>
        {basic.map(render)}
        {step.connection_id === null && (
          <div className="field">
            <label htmlFor="source-label">Name for this source (optional)</label>
            <input
              id="source-label"
              type="text"
              value={label}
              onChange={(event) => setLabel(event.target.value)}
              autoComplete="off"
            />
          </div>
        )}
        {advanced.length > 0 && (
          <details className="advanced">
            <summary>More settings</summary>
            {advanced.map(render)}
          </details>
        )}
        <p className="muted">
          {plan.validation_mode === 'synchronous'
            ? 'conn checks it right away and shows which account it belongs to.'
            : 'conn checks it during the first sync.'}
        </p>
        <button type="submit" disabled={submit.isPending}>
          {submit.isPending
            ? 'Checking…'
            : step.connection_id === null
              ? 'Connect'
              : 'Check and save'}
        </button>
        {refusal !== null && draftId.current !== null ? (
          <SameAccountChoice
            refusal={refusal}
            draftId={draftId.current}
            takeSecrets={takeSecrets}
            onDone={done}
            onCancel={() => {
              draftId.current = step.connection_id;
              submit.reset();
            }}
          />
        ) : (
          <ErrorMessage error={submit.error} />
        )}
      </form>
    </section>
  );
}

function FieldInput({
  field,
  value,
  onChange,
  secretRef,
}: {
  field: CredentialField;
  value: string;
  onChange: (value: string) => void;
  secretRef: (input: HTMLInputElement | null) => void;
}) {
  const id = `field-${field.name}`;
  const helpId = `${id}-help`;
  const hasHelp = field.help !== undefined || field.help_url !== undefined;
  const common = {
    id,
    name: field.name,
    required: field.required,
    ...(field.placeholder === undefined ? {} : { placeholder: field.placeholder }),
    ...(field.pattern === undefined ? {} : { pattern: field.pattern }),
    ...(hasHelp ? { 'aria-describedby': helpId } : {}),
  };
  return (
    <div className="field">
      <label htmlFor={id}>
        {field.label}
        {field.required ? '' : ' (optional)'}
      </label>
      {field.secret ? (
        <input {...common} type="password" autoComplete="off" spellCheck={false} ref={secretRef} />
      ) : (
        <input
          {...common}
          type={field.type === 'password' ? 'text' : field.type}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          autoComplete="off"
        />
      )}
      {hasHelp && (
        <p id={helpId} className="help">
          {field.help}{' '}
          {field.help_url !== undefined && (
            <a href={field.help_url} target="_blank" rel="noreferrer">
              Where to get it (opens in a new tab)
            </a>
          )}
        </p>
      )}
    </div>
  );
}
