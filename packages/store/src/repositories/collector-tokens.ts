import { preparedQuery } from '../prepared-query';
import type { NewCollectorToken } from '../schema';
import type { StoreDb } from './store-db';

/** A collector token with the connection it acts for, as authentication reads it. */
export interface CollectorTokenGrant {
  token_id: string;
  connection_id: string;
  revoked_at: string | null;
  last_used_at: string | null;
  owner_id: string;
  connector: string;
  /** The connection's status. */
  status: string;
  /** The connection's `retired_at`. */
  retired_at: string | null;
}

/** The query behind {@link findCollectorTokenGrant}, for plan checks. */
export function collectorTokenGrantQuery(db: StoreDb, tokenHash: string) {
  return db
    .selectFrom('collector_tokens')
    .innerJoin('connections', 'connections.id', 'collector_tokens.connection_id')
    .select([
      'collector_tokens.id as token_id',
      'collector_tokens.connection_id as connection_id',
      'collector_tokens.revoked_at as revoked_at',
      'collector_tokens.last_used_at as last_used_at',
      'connections.owner_id as owner_id',
      'connections.connector as connector',
      'connections.status as status',
      'connections.retired_at as retired_at',
    ])
    .where('collector_tokens.token_hash', '=', tokenHash);
}

/**
 * The collector token with this hash (`hashToken(bearer)`) and its
 * connection, revoked or not: the caller decides what is still valid.
 *
 * @example
 * const grant = await findCollectorTokenGrant(db, hashToken(bearer));
 */
export async function findCollectorTokenGrant(
  db: StoreDb,
  tokenHash: string,
): Promise<CollectorTokenGrant | undefined> {
  return collectorTokenGrantQuery(db, tokenHash).executeTakeFirst();
}

/**
 * Records that a collector token was just used.
 *
 * @example
 * await touchCollectorToken(db, grant.token_id, now);
 */
export async function touchCollectorToken(db: StoreDb, tokenId: string, now: Date): Promise<void> {
  await db
    .updateTable('collector_tokens')
    .set({ last_used_at: now.toISOString() })
    .where('id', '=', tokenId)
    .execute();
}

/**
 * Inserts a new collector token (its hash only).
 *
 * @example
 * await insertCollectorToken(trx, { id: newId('ctk'), connection_id, token_hash: hashToken(token), … });
 */
export async function insertCollectorToken(db: StoreDb, row: NewCollectorToken): Promise<void> {
  await db.insertInto('collector_tokens').values(row).execute();
}

/**
 * The id of the connection's newest unrevoked collector token, or `undefined`
 * when no device holds one.
 *
 * @example
 * const enrolled = (await findLiveCollectorTokenId(trx, connection.id)) !== undefined;
 */
export async function findLiveCollectorTokenId(
  db: StoreDb,
  connectionId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('collector_tokens')
    .select('id')
    .where('connection_id', '=', connectionId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/**
 * The unrevoked collector tokens of these connections, newest first: the
 * first row per connection is its current device's.
 *
 * @example
 * const tokens = await listLiveCollectorTokensOf(db, ids);
 */
export async function listLiveCollectorTokensOf(
  db: StoreDb,
  connectionIds: readonly string[],
): Promise<{ connection_id: string; created_at: string }[]> {
  if (connectionIds.length === 0) return [];
  return liveTokensOfQuery(db, connectionIds);
}

const liveTokensOfQuery = preparedQuery((db, connectionIds: readonly string[]) =>
  db
    .selectFrom('collector_tokens')
    .select(['connection_id', 'created_at'])
    .where('connection_id', 'in', connectionIds)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc'),
);

/**
 * Revokes every live collector token of a connection. Resolves how many were revoked.
 *
 * @example
 * const revoked = await revokeCollectorTokens(trx, connection.id, now);
 */
export async function revokeCollectorTokens(
  db: StoreDb,
  connectionId: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('collector_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('connection_id', '=', connectionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Records a heartbeat of the device holding this token: its collector is
 * running, whether or not its last pass found anything new.
 *
 * @example
 * await recordCollectorHeartbeat(trx, collector.token_id, now);
 */
export async function recordCollectorHeartbeat(
  db: StoreDb,
  tokenId: string,
  now: Date,
): Promise<void> {
  const stamp = now.toISOString();
  await db
    .updateTable('collector_tokens')
    .set({ last_heartbeat_at: stamp, last_used_at: stamp })
    .where('id', '=', tokenId)
    .execute();
}

/** One device enrolled for a connection, with when it last finished a pass. */
export interface CollectorDeviceRow {
  id: string;
  device_name: string;
  created_at: string;
  last_heartbeat_at: string | null;
  revoked_at: string | null;
  /** When a run this device reported under last ended, if one did. */
  last_pass_at: string | null;
}

/**
 * Every device ever enrolled for a connection (revoked ones too), newest
 * first, each with the end of its last pass: the runs it claimed are named
 * `collector:<token id>`.
 *
 * @example
 * const devices = await listCollectorDevices(db, connection.id);
 */
export async function listCollectorDevices(
  db: StoreDb,
  connectionId: string,
): Promise<CollectorDeviceRow[]> {
  const tokens = await db
    .selectFrom('collector_tokens')
    .select(['id', 'device_name', 'created_at', 'last_heartbeat_at', 'revoked_at'])
    .where('connection_id', '=', connectionId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  if (tokens.length === 0) return [];
  const passes = await db
    .selectFrom('runs')
    .select(['claimed_by', (eb) => eb.fn.max('finished_at').as('last_pass_at')])
    .where('connection_id', '=', connectionId)
    .where('finished_at', 'is not', null)
    .where(
      'claimed_by',
      'in',
      tokens.map((token) => `collector:${token.id}`),
    )
    .groupBy('claimed_by')
    .execute();
  const lastPassBy = new Map(passes.map((pass) => [pass.claimed_by, pass.last_pass_at]));
  return tokens.map((token) => ({
    ...token,
    last_pass_at: lastPassBy.get(`collector:${token.id}`) ?? null,
  }));
}

/**
 * Revokes one device's token of this connection, if it is still live.
 * Resolves whether it was.
 *
 * @example
 * if (await revokeCollectorToken(trx, connection.id, deviceId, now)) audit();
 */
export async function revokeCollectorToken(
  db: StoreDb,
  connectionId: string,
  tokenId: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('collector_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('connection_id', '=', connectionId)
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
