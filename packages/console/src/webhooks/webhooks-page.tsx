import { type CreatedWebhook, eventTypeLabel } from '@conn/sdk';
import { type EventType, eventTypes } from '@conn/setup-engine';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { consoleClient } from '../client/console-client';
import { queryKeys } from '../client/query-keys';
import { CopyableCode } from '../shared/copy-button';
import { ErrorMessage } from '../shared/error-message';
import { WebhookCard } from './webhook-card';

/**
 * Webhooks: conn posts each lifecycle event of the chosen kinds to the
 * owner's URL, signed with a secret shown once at creation (kept in memory
 * only until the owner hides it). Each webhook has its delivery log.
 */
export function WebhooksPage() {
  const queryClient = useQueryClient();
  const webhooks = useQuery({
    queryKey: queryKeys.webhooks,
    queryFn: ({ signal }) => consoleClient().webhooks({ signal }),
  });
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<EventType>>(new Set());
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const create = useMutation({
    mutationFn: () =>
      consoleClient().createWebhook({
        url: url.trim(),
        eventTypes: eventTypes.filter((type) => chosen.has(type)),
        ...(description.trim() === '' ? {} : { description: description.trim() }),
      }),
    onSuccess: (result) => {
      setCreated(result);
      setUrl('');
      setDescription('');
      setChosen(new Set());
      void queryClient.invalidateQueries({ queryKey: queryKeys.webhooks });
    },
  });
  const toggle = (type: EventType, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(type);
    else next.delete(type);
    setChosen(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (url.trim() === '') return;
    setCreated(null);
    create.mutate();
  };
  return (
    <>
      <h1>Webhooks</h1>
      <p>
        conn sends what happens to your sources (setups, syncs, repairs) to an address of yours, as
        it happens. Each request is signed, so your receiver can check it came from this server.
      </p>
      {created !== null && (
        <section className="secret-once" aria-labelledby="new-secret-heading">
          <h2 id="new-secret-heading">Signing secret for {created.webhook.url}</h2>
          <p>Copy it into your receiver now: it is shown this once.</p>
          <CopyableCode value={created.secret} label="Copy the signing secret" />
          <button type="button" className="quiet" onClick={() => setCreated(null)}>
            Done, hide it
          </button>
        </section>
      )}
      <form onSubmit={submit} aria-busy={create.isPending}>
        <h2>Add a webhook</h2>
        <div className="field narrow-form">
          <label htmlFor="webhook-url">Address to send to</label>
          <input
            id="webhook-url"
            type="url"
            autoComplete="off"
            placeholder="https://example.org/conn-events"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            required
          />
        </div>
        <div className="field narrow-form">
          <label htmlFor="webhook-description">Description (optional)</label>
          <input
            id="webhook-description"
            type="text"
            autoComplete="off"
            maxLength={200}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        </div>
        <fieldset>
          <legend>What to send</legend>
          <p className="help">Leave every box empty to receive everything.</p>
          <div className="checks">
            {eventTypes.map((type) => (
              <div className="choice" key={type}>
                <input
                  id={`event-${type}`}
                  type="checkbox"
                  checked={chosen.has(type)}
                  onChange={(event) => toggle(type, event.target.checked)}
                />
                <label htmlFor={`event-${type}`}>{eventTypeLabel(type)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add webhook'}
        </button>
        <ErrorMessage error={create.error} />
      </form>
      <h2>Your webhooks</h2>
      <ErrorMessage error={webhooks.error} />
      {webhooks.data !== undefined && webhooks.data.length === 0 && <p>No webhook yet.</p>}
      <ul className="cards" aria-label="Webhooks">
        {(webhooks.data ?? []).map((webhook) => (
          <WebhookCard key={webhook.id} webhook={webhook} />
        ))}
      </ul>
    </>
  );
}
