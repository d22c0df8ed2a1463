import type { Migration, MigrationProvider } from 'kysely/migration';
// Migrations whose schema-builder DDL is the same on both dialects live once, in portable-migrations/.
import * as uploadLeases from '../portable-migrations/0007-upload-leases';
import * as syncHealth from '../portable-migrations/0011-sync-health';
import * as recordCounts from '../portable-migrations/0012-record-counts';
import * as attemptLimits from '../portable-migrations/0013-attempt-limits';
import * as agentTokenExpiry from '../portable-migrations/0014-agent-token-expiry';
import * as credentialExpiry from '../portable-migrations/0015-credential-expiry';
import * as refreshCooldowns from '../portable-migrations/0016-refresh-cooldowns';
import * as ownerDataControl from '../portable-migrations/0017-owner-data-control';
import * as collectorHeartbeats from '../portable-migrations/0020-collector-heartbeats';
import * as initial from './migrations/0001-initial';
import * as connectionsOwnerCreatedAt from './migrations/0002-connections-owner-created-at';
import * as events from './migrations/0003-events';
import * as webhooks from './migrations/0004-webhooks';
import * as uploadUniqueness from './migrations/0005-upload-uniqueness';

const migrations: Readonly<Record<string, Migration>> = Object.freeze({
  '0001-initial': initial,
  '0002-connections-owner-created-at': connectionsOwnerCreatedAt,
  '0003-events': events,
  '0004-webhooks': webhooks,
  '0005-upload-uniqueness': uploadUniqueness,
  '0007-upload-leases': uploadLeases,
  '0011-sync-health': syncHealth,
  '0012-record-counts': recordCounts,
  '0013-attempt-limits': attemptLimits,
  '0014-agent-token-expiry': agentTokenExpiry,
  '0015-credential-expiry': credentialExpiry,
  '0016-refresh-cooldowns': refreshCooldowns,
  '0017-owner-data-control': ownerDataControl,
  '0020-collector-heartbeats': collectorHeartbeats,
});

/**
 * The PostgreSQL migrations, listed statically (no directory globbing) so a bundled
 * server carries them. Names sort in apply order; add new ones at the end.
 *
 * @example
 * await new Migrator({ db, provider: postgresMigrations }).migrateToLatest();
 */
export const postgresMigrations: MigrationProvider = Object.freeze({
  getMigrations: async () => migrations,
});
