import { insertAuditEvent, newId, type StoreDb } from '@conn/store';
import type { Actor } from '../service-deps';

/** Details an audit event may carry: ids, codes, counts and flags — never a value a secret could hide in. */
export type AuditDetails = Readonly<Record<string, string | number | boolean | null>>;

/** One audit event, written inside the transaction of the change it records. */
export interface AuditEvent {
  ownerId: string | null;
  actor: Actor;
  /** Dotted, past tense: `connection.activated`, `credential.rejected`. */
  action: string;
  connectionId: string | null;
  details?: AuditDetails;
}

/**
 * Appends an audit event. Callers build `details` from non-secret facts only;
 * no caller passes a field value, probe message or token here.
 *
 * @example
 * await writeAuditEvent(trx, now, { ownerId, actor: 'owner', action: 'draft.created', connectionId });
 */
export async function writeAuditEvent(db: StoreDb, now: Date, event: AuditEvent): Promise<void> {
  await insertAuditEvent(db, {
    id: newId('aud'),
    owner_id: event.ownerId,
    actor: event.actor,
    action: event.action,
    connection_id: event.connectionId,
    details_json: JSON.stringify(event.details ?? {}),
    created_at: now.toISOString(),
  });
}
