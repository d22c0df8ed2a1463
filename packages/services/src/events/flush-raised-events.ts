import { ConnectionEventSchema, type RaisedEvent, type SetupState } from '@conn/setup-engine';
import { appendEvents, listConnectionsByIds, type StoreDb } from '@conn/store';
import { loadSetupStates } from '../connections/load-setup-statuses';

/** An event waiting in its transaction for the commit. */
export interface PendingEvent {
  ownerId: string;
  occurredAt: string;
  event: RaisedEvent;
}

/**
 * Writes a transaction's raised events to the outbox: one read of the setup
 * state of every connection they name (as the transaction leaves it), then
 * one append. Runs as the transaction's last step (`beforeCommit`).
 *
 * @example
 * beforeCommit(trx, () => flushRaisedEvents(trx, raised));
 */
export async function flushRaisedEvents(
  trx: StoreDb,
  raised: readonly PendingEvent[],
): Promise<void> {
  if (raised.length === 0) return;
  const ids = [
    ...new Set(
      raised.flatMap(({ event }) =>
        event.connection_id === undefined || event.connection_id === null
          ? []
          : [event.connection_id],
      ),
    ),
  ];
  const connections = await listConnectionsByIds(trx, ids);
  const stateOf: Map<string, SetupState> =
    connections.length === 0
      ? new Map()
      : await loadSetupStates(
          trx,
          connections,
          new Date(raised[raised.length - 1]?.occurredAt ?? 0),
        );
  await appendEvents(
    trx,
    raised.map(({ ownerId, occurredAt, event }) => {
      const connectionId = event.connection_id ?? null;
      return {
        owner_id: ownerId,
        type: event.type,
        connection_id: connectionId,
        occurred_at: occurredAt,
        body: (id) =>
          JSON.stringify(
            ConnectionEventSchema.parse({
              connection_id: null,
              intent_id: null,
              run_id: null,
              ...event,
              id,
              occurred_at: occurredAt,
              setup_state: connectionId === null ? null : (stateOf.get(connectionId) ?? null),
            }),
          ),
      };
    }),
  );
}
