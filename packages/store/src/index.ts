/**
 * @conn/store — conn's durable state on SQLite or PostgreSQL: the table
 * contract, migrations, transactions, the run queue and record ingest.
 */

export { idRandomLength, newId } from './ids';
export { openStore, type StoreOptions } from './open-store';
export {
  type ListRecordsOptions,
  listRecords,
  type RecordInput,
  type RecordItem,
  type RecordPage,
  upsertRecords,
} from './record-writer';
export {
  type ClaimRunOptions,
  claimNextRun,
  heartbeatRun,
  requeueStaleRuns,
  requeueWorkerRuns,
  type StaleRunRecovery,
  workerLostErrorCode,
} from './run-queue';
export type * from './schema';
export type { Store, StoreDialect, StoreTransaction } from './store';
export { hashToken, newToken, tokenRandomLength } from './token-hash';
export { AesGcmVault } from './vault/aes-gcm-vault';
export type { CredentialKeyMismatchReason } from './vault/credential-key-mismatch';
export { type CredentialVault, createVault } from './vault/credential-vault';
export { credentialKeyEnv } from './vault/env-key-provider';
export { credentialKeyFileEnv } from './vault/file-key-provider';
export { generatedKeyFileName } from './vault/generated-key-provider';
export {
  type KeyProviderInput,
  type ResolvedKeyProvider,
  resolveKeyProvider,
} from './vault/key-provider';
export { NullVault } from './vault/null-vault';
export type { SealablePlaintext } from './vault/plaintext-codec';
export { sealedKeyId } from './vault/sealed-envelope';
export {
  importVaultKey,
  type VaultKey,
  type VaultKeys,
  vaultKeyId,
  vaultKeysFrom,
} from './vault/vault-key';
export { type VaultScope, vaultScopeLabel } from './vault/vault-scope';
