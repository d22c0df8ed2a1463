import { eventTypeLabel, type Webhook, type WebhookDelivery } from '@conn/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { consoleClient } from '../client/console-client';
import { queryKeys } from '../client/query-keys';
import { ErrorMessage } from '../shared/error-message';
import { LocalTime } from '../shared/local-time-tag';
import { deliveryErrorWords, deliveryStatusWords } from './delivery-words';

/** While a delivery log is open and something is still on its way, it refreshes this often. */
const pendingRefreshMs = 2000;

/** One webhook: its address, what it receives, delete, and its delivery log behind a toggle. */
export function WebhookCard({ webhook }: { webhook: Webhook }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const remove = useMutation({
    mutationFn: () => consoleClient().deleteWebhook(webhook.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks }),
  });
  const logId = `deliveries-${webhook.id}`;
  return (
    <li className="card">
      <h3 className="copyable">
        <code>{webhook.url}</code>
      </h3>
      {webhook.description !== null && <p>{webhook.description}</p>}
      <dl className="facts">
        <div>
          <dt>Sends</dt>
          <dd>
            {webhook.event_types.length === 0
              ? 'Everything'
              : webhook.event_types.map((type) => eventTypeLabel(type)).join(', ')}
          </dd>
        </div>
        <div>
          <dt>Added</dt>
          <dd>
            <LocalTime iso={webhook.created_at} />
          </dd>
        </div>
      </dl>
      <div className="row">
        <button
          type="button"
          className="quiet"
          aria-expanded={open}
          aria-controls={logId}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide deliveries' : 'Show deliveries'}
        </button>
        <button
          type="button"
          className="quiet"
          disabled={remove.isPending}
          onClick={() => remove.mutate()}
          aria-label={`Delete the webhook to ${webhook.url}`}
        >
          Delete
        </button>
      </div>
      <ErrorMessage error={remove.error} />
      {open && <DeliveryLog id={logId} webhookId={webhook.id} />}
    </li>
  );
}

function DeliveryLog({ id, webhookId }: { id: string; webhookId: string }) {
  const deliveries = useQuery({
    queryKey: queryKeys.webhookDeliveries(webhookId),
    queryFn: ({ signal }) => consoleClient().webhookDeliveries(webhookId, {}, { signal }),
    refetchInterval: (query) =>
      (query.state.data ?? []).some((delivery) => delivery.status === 'pending')
        ? pendingRefreshMs
        : false,
  });
  return (
    <section id={id} aria-label="Deliveries">
      <div className="row">
        <h4>Deliveries, newest first</h4>
        <button
          type="button"
          className="quiet"
          disabled={deliveries.isFetching}
          onClick={() => void deliveries.refetch()}
        >
          Refresh
        </button>
      </div>
      <ErrorMessage error={deliveries.error} />
      {deliveries.data !== undefined && deliveries.data.length === 0 && <p>Nothing sent yet.</p>}
      <ul className="events">
        {(deliveries.data ?? []).map((delivery) => (
          <DeliveryRow key={delivery.id} delivery={delivery} webhookId={webhookId} />
        ))}
      </ul>
    </section>
  );
}

function DeliveryRow({ delivery, webhookId }: { delivery: WebhookDelivery; webhookId: string }) {
  const queryClient = useQueryClient();
  const redeliver = useMutation({
    mutationFn: () => consoleClient().redeliver(webhookId, delivery.id),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.webhookDeliveries(webhookId) }),
  });
  const label = eventTypeLabel(delivery.event_type);
  return (
    <li className="event delivery">
      <p>
        <strong>{label}</strong>
        {delivery.replay_of === null ? '' : ' (sent again)'}: {deliveryStatusWords(delivery.status)}
      </p>
      <dl className="facts">
        <div>
          <dt>Queued</dt>
          <dd>
            <LocalTime iso={delivery.created_at} />
          </dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd>{delivery.attempts}</dd>
        </div>
        {delivery.last_attempt_at !== null && (
          <div>
            <dt>Last attempt</dt>
            <dd>
              <LocalTime iso={delivery.last_attempt_at} />
            </dd>
          </div>
        )}
        {delivery.next_attempt_at !== null && (
          <div>
            <dt>Next attempt</dt>
            <dd>
              <LocalTime iso={delivery.next_attempt_at} />
            </dd>
          </div>
        )}
      </dl>
      {delivery.last_error !== null && delivery.status !== 'succeeded' && (
        <p className="muted">
          {deliveryErrorWords(delivery.last_error, delivery.last_status_code)}
        </p>
      )}
      <button
        type="button"
        className="quiet"
        disabled={redeliver.isPending}
        onClick={() => redeliver.mutate()}
        aria-label={`Send again: ${label}`}
      >
        Send again
      </button>
      <ErrorMessage error={redeliver.error} />
    </li>
  );
}
