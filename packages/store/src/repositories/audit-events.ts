import { preparedInsert } from '../prepared-query';
import type { NewAuditEvent } from '../schema';
import type { StoreDb } from './store-db';

const insertAuditRows = preparedInsert('audit_events');

/**
 * Appends an audit event; run it on the transaction of the change it records.
 * `details_json` is built from secret-free facts only.
 *
 * @example
 * await insertAuditEvent(trx, { id: newId('aud'), owner_id, actor: 'owner', action: 'draft.created', … });
 */
export async function insertAuditEvent(db: StoreDb, row: NewAuditEvent): Promise<void> {
  await insertAuditRows(db, [row]);
}
