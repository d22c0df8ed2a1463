import { isCredentialExpiring } from '@conn/setup-engine';
import { getSyncHealth, listCredentialsOf, type StoreDb } from '@conn/store';

/**
 * Whether a connection's "credential expiring" notice still stands: it was
 * raised, and the credential held now still expires within the week. Only a
 * credential that lasts lifts it; a sync that succeeds, or brings records,
 * with the expiring one does not.
 *
 * @example
 * if (!(await credentialNoticeHolds(trx, connection.id, now))) await recover();
 */
export async function credentialNoticeHolds(
  db: StoreDb,
  connectionId: string,
  now: Date,
): Promise<boolean> {
  const health = await getSyncHealth(db, connectionId);
  if (health?.attention_reason !== 'credential_expiring') return false;
  const [credential] = await listCredentialsOf(db, [connectionId]);
  return isCredentialExpiring(credential?.expires_at ?? null, now);
}
