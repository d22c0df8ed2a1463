/**
 * @conn/store — conn's durable state on SQLite or PostgreSQL: the table
 * contract, migrations, transactions, the run and webhook delivery queues,
 * record ingest, and the repositories: the one place each table's queries live.
 */

export { backupSqliteFile } from './dialect/sqlite/backup-sqlite-file';
export type { EventSubscription } from './events/event-wakeups';
export { idBodyLength, newId } from './ids';
export { openStore, type StoreOptions } from './open-store';
export {
  deleteRecords,
  deleteRunRecords,
  type ListRecordsOptions,
  listRecords,
  type RecordInput,
  type RecordItem,
  type RecordPage,
  upsertRecords,
} from './record-writer';
// Repositories: every query a service or the REST layer runs, by table group.
// Each function takes `store.db` or a transaction's `trx` first.
export {
  type AgentTokenListing,
  findAgentTokenByHash,
  findOwnedAgentToken,
  insertAgentToken,
  listOwnerAgentTokens,
  revokeOwnedAgentToken,
  touchAgentToken,
} from './repositories/agent-tokens';
export {
  claimStagedArtifacts,
  listClaimedArtifacts,
  markArtifactsImported,
  refuseClaimedArtifact,
  releaseClaimedArtifact,
} from './repositories/artifact-imports';
export {
  expireAbandonedArtifacts,
  interruptLapsedUploads,
  listArtifactStatuses,
  releaseOrphanedArtifactClaims,
} from './repositories/artifact-sweeps';
export {
  forgetAttemptLimit,
  forgetQuietAttemptLimits,
  lockAttemptLimit,
  putAttemptLimit,
} from './repositories/attempt-limits';
export { insertAuditEvent } from './repositories/audit-events';
export {
  findAuthorizationSession,
  insertAuthorizationSession,
  retireAuthorizationSession,
  retireExpiredAuthorizationSessions,
  useAuthorizationSession,
} from './repositories/authorization-sessions';
export { insertBlobOnce } from './repositories/blobs';
export {
  type CollectorDeviceRow,
  type CollectorTokenGrant,
  findCollectorTokenGrant,
  findLiveCollectorTokenId,
  insertCollectorToken,
  listCollectorDevices,
  listLiveCollectorTokensOf,
  recordCollectorHeartbeat,
  revokeCollectorToken,
  revokeCollectorTokens,
  touchCollectorToken,
} from './repositories/collector-tokens';
export { holdBlob, releaseBlobs } from './repositories/connection-blobs';
export {
  type ConnectionCount,
  type ConnectionPageOptions,
  type ConnectionPosition,
  countLiveConnectionsByStatus,
  countPendingDrafts,
  extendDraftLifetime,
  findConnection,
  findOwnedConnection,
  findSameAccountConnection,
  getConnection,
  insertConnectionRow,
  listConnectionsByIds,
  listConnectionsPage,
  listExpiredDrafts,
  listSameAccountConnections,
  lockConnectionRow,
  setConnectionAccount,
  transitionConnection,
} from './repositories/connections';
export {
  type CredentialReplacement,
  findCredentialId,
  findSealedCredential,
  insertCredential,
  listCredentialsOf,
  replaceCredential,
  writeCredentialExpiry,
} from './repositories/credentials';
export {
  insertEnrollmentCode,
  retireExpiredEnrollmentCodes,
  retireOpenEnrollmentCodes,
  spendEnrollmentCode,
} from './repositories/enrollment-codes';
export { type ErasedConnection, eraseConnection } from './repositories/erase-connection';
export { advanceEventCursor, lockEventCursor } from './repositories/event-cursors';
export {
  appendEvents,
  type EventQuery,
  findEvent,
  findLatestConnectionEvent,
  lastEventId,
  listEventsAfter,
  listEventsBefore,
  listOutboxAfter,
  type NewEventRow,
} from './repositories/events';
export {
  findIntentByIdempotencyKey,
  findOwnedIntent,
  insertIntentOnce,
  linkIntentConnection,
} from './repositories/intents';
export {
  findOwnerSessionByHash,
  insertOwnerSession,
  type OwnerSessionGrant,
  revokeOwnerSessionById,
  revokeOwnerSessionsExcept,
} from './repositories/owner-sessions';
export {
  findFirstOwner,
  insertFirstOwner,
  insertOwner,
  setOwnerPasswordHash,
} from './repositories/owners';
export { hasRecordedProof, insertProofOnce, listProofs } from './repositories/proofs';
export {
  findProviderApp,
  getProviderApp,
  listProviderAppGroups,
  listSavedProviderApps,
  upsertProviderApp,
} from './repositories/provider-apps';
export {
  countConnectionRecords,
  countOwnerRecordsByConnector,
  countRecordsByStream,
  countRecordsOf,
} from './repositories/record-counts';
export {
  clearRefreshCooldown,
  findRefreshCooldown,
  putRefreshCooldown,
} from './repositories/refresh-cooldowns';
export {
  cancelOpenRuns,
  finishOpenRun,
  markRunUndone,
  recordRunIngest,
  recordRunProgress,
  rewindRunToCheckpoint,
  setRunPayload,
  startQueuedRun,
  takeOverRun,
} from './repositories/run-writes';
export {
  findLatestRun,
  findOpenRun,
  findRun,
  findRunCredentialSource,
  getRun,
  getRunPayload,
  insertRun,
  listLatestRuns,
  listRecentRuns,
  listRunsByIds,
  type RunCredentialSource,
} from './repositories/runs';
export {
  findSetupStatusRow,
  type SetupStatusRow,
  type StatusCredential,
  type StatusHealth,
  type StatusRun,
} from './repositories/setup-status-row';
export type { StoreDb } from './repositories/store-db';
export { readSyncCursors, writeSyncCursors } from './repositories/sync-cursors';
export {
  claimDueSync,
  getSyncHealth,
  listDueSyncs,
  listSyncHealthOf,
  listTurnedExpiring,
  listTurnedStale,
  putSyncHealth,
} from './repositories/sync-health';
export {
  type ArtifactOriginal,
  deleteArtifact,
  deleteConnectionArtifacts,
  expireLapsedCopies,
  findArtifactOriginal,
  findOwnedArtifact,
  getArtifactRow,
  insertArtifact,
  listOwnedArtifacts,
  listRecentArtifacts,
  markArtifactReceived,
  recordArtifactVerdict,
  renewArtifactLease,
} from './repositories/upload-artifacts';
export {
  cancelPendingDeliveries,
  findWebhookDelivery,
  insertWebhookDeliveries,
  listWebhookDeliveries,
  type WebhookDeliveryListing,
} from './repositories/webhook-deliveries';
export {
  deleteOwnedWebhook,
  findOwnedWebhook,
  getWebhook,
  hasLiveWebhooks,
  insertWebhook,
  listLiveWebhooksOf,
  listOwnerWebhooks,
} from './repositories/webhooks';
export {
  type ClaimRunOptions,
  claimNextRun,
  claimNextRunIn,
  heartbeatRun,
  requeueStaleRuns,
  requeueWorkerRuns,
  type StaleRunRecovery,
  workerLostErrorCode,
} from './run-queue';
export type * from './schema';
export type { Store, StoreDialect, StoreTransaction } from './store';
export { hashToken, newToken, tokenRandomLength } from './token-hash';
export { tokenPrefixes } from './token-prefixes';
export { beforeCommit } from './transaction-hooks';
export { isUniqueViolation } from './unique-violation';
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
export { type KeyProviderSource, keyProviderSource } from './vault/key-provider-source';
export { NullVault } from './vault/null-vault';
export type { SealablePlaintext } from './vault/plaintext-codec';
export {
  type ResealReport,
  resealStoredSecrets,
  sealedKeyCounts,
} from './vault/reseal-stored-secrets';
export { sealedKeyId } from './vault/sealed-envelope';
export {
  importVaultKey,
  type VaultKey,
  type VaultKeys,
  vaultKeyId,
  vaultKeysFrom,
} from './vault/vault-key';
export { type VaultScope, vaultScopeLabel } from './vault/vault-scope';
export { writeKeyFile } from './vault/write-key-file';
export {
  type ClaimDeliveryOptions,
  claimNextDelivery,
  type DeliverySettlement,
  settleDelivery,
} from './webhook-delivery-queue';
