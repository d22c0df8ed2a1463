import { isConnError } from '@conn/setup-engine';
import type { Store } from '../store';
import type { CredentialVault } from './credential-vault';
import { type SealedColumn, sealedColumns } from './sealed-columns';
import { parseSealedEnvelope } from './sealed-envelope';

/** What one `resealStoredSecrets` pass did, per table. */
export interface ResealReport {
  /** Values now sealed under the primary key, by table. */
  readonly resealed: Readonly<Record<SealedColumn['table'], number>>;
  /** Values changed by someone else during the pass: left as they are, for the next pass. */
  readonly skipped: number;
  /** Values no held key opens (sealed under a lost key, or damaged): left as they are. */
  readonly unopenable: number;
}

/**
 * Seals every stored secret (credentials, provider-app secrets, PKCE
 * verifiers, webhook signing secrets) again under the vault's primary key, one
 * row at a time. Each write only replaces the exact value it read, so a value
 * a running server changed meanwhile is skipped rather than overwritten; a
 * value no held key opens throws `credential_key_mismatch`. Safe to re-run: a
 * value already under the primary key is left alone.
 *
 * @example
 * const report = await resealStoredSecrets(store, createVault(keys));
 */
export async function resealStoredSecrets(
  store: Store,
  vault: CredentialVault,
): Promise<ResealReport> {
  vault.assertAvailable();
  const resealed = { credentials: 0, provider_apps: 0, authorization_sessions: 0, webhooks: 0 };
  let skipped = 0;
  let unopenable = 0;
  for (const column of sealedColumns) {
    for (const row of await column.all(store.db)) {
      let sealed: string;
      try {
        if (!vault.needsResealing(row.sealed)) continue;
        sealed = vault.reseal(row.sealed, column.scope(row.id));
      } catch (error) {
        if (!isConnError(error, 'credential_key_mismatch')) throw error;
        unopenable++;
        continue;
      }
      const written = await column.replace(
        store.db,
        row,
        sealed,
        parseSealedEnvelope(sealed).keyId,
      );
      if (written) resealed[column.table]++;
      else skipped++;
    }
  }
  return { resealed, skipped, unopenable };
}

/**
 * How many stored secrets are sealed under each key id, read from the
 * envelopes themselves (not the `key_id` columns beside them); a value that
 * is not a readable envelope counts under `damaged`.
 *
 * @example
 * await sealedKeyCounts(store); // { '3fa91c0d': 12 }
 */
export async function sealedKeyCounts(store: Store): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const column of sealedColumns) {
    for (const row of await column.all(store.db)) {
      const id = envelopeKeyId(row.sealed);
      counts[id] = (counts[id] ?? 0) + 1;
    }
  }
  return counts;
}

function envelopeKeyId(sealed: string): string {
  try {
    return parseSealedEnvelope(sealed).keyId;
  } catch {
    return 'damaged';
  }
}
