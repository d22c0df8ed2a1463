import { ConnError, type LifecycleEvent, type Modality, transition } from '@conn/setup-engine';
import { type ConnectionRow, insertConnectionRow, newId, type StoreDb } from '@conn/store';
import { type EventContext, raiseTransitionEvents } from '../events/raise-transition-events';

/** What a new connection row starts with. */
export interface NewConnectionInput {
  ownerId: string;
  connector: string;
  modality: Modality;
  label: string | null;
  fields: Readonly<Record<string, string>>;
  unproven: boolean;
  /** Set for attempts with a lifetime (enrollment shells, unenrolled collector drafts). */
  expiresAt: string | null;
}

/**
 * Creates a connection by applying a creating event (`draft_created`,
 * `authorization_completed`) to "no connection yet": the engine decides the
 * status it starts in, and the events it raises. Returns the inserted row.
 *
 * @example
 * const draft = await insertConnection(trx, now, { type: 'draft_created' }, input);
 */
export async function insertConnection(
  db: StoreDb,
  now: Date,
  event: LifecycleEvent,
  input: NewConnectionInput,
  context: EventContext = {},
): Promise<ConnectionRow> {
  const decided = transition(null, event);
  if (!decided.ok) throw new ConnError(decided.error.code, decided.error.message);
  const stamp = now.toISOString();
  const row: ConnectionRow = {
    id: newId('con'),
    owner_id: input.ownerId,
    connector: input.connector,
    modality: input.modality,
    status: decided.value.status,
    label: input.label,
    account_id: null,
    account_label: null,
    fields_json: JSON.stringify(input.fields),
    source_binding: null,
    unproven: input.unproven ? 1 : 0,
    expires_at: input.expiresAt,
    retired_at: null,
    retired_reason: null,
    activated_at: decided.value.activated ? stamp : null,
    revoked_at: null,
    created_at: stamp,
    updated_at: stamp,
  };
  await insertConnectionRow(db, row);
  raiseTransitionEvents(db, row, decided.value, now, context);
  return row;
}
