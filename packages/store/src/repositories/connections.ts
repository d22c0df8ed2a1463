import type { ConnectionStatus } from '@conn/setup-engine';
import { preparedInsert, preparedQuery } from '../prepared-query';
import type { ConnectionRow, ConnectionUpdate, NewConnection } from '../schema';
import type { StoreDb } from './store-db';

const draft: ConnectionStatus = 'draft';

/** The query behind {@link findConnection}, for plan checks. */
export function connectionByIdQuery(db: StoreDb, connectionId: string) {
  return db.selectFrom('connections').selectAll().where('id', '=', connectionId);
}

/**
 * A connection by id, whoever owns it (workers, collectors); `undefined` when there is none.
 *
 * @example
 * const connection = await findConnection(trx, run.connection_id);
 */
export async function findConnection(
  db: StoreDb,
  connectionId: string,
): Promise<ConnectionRow | undefined> {
  return connectionByIdQuery(db, connectionId).executeTakeFirst();
}

/**
 * These connections, in no particular order; ids that do not exist are left out.
 *
 * @example
 * const rows = await listConnectionsByIds(trx, ['con_…', 'con_…']);
 */
export async function listConnectionsByIds(
  db: StoreDb,
  connectionIds: readonly string[],
): Promise<ConnectionRow[]> {
  if (connectionIds.length === 0) return [];
  return connectionsByIdsQuery(db, connectionIds);
}

const connectionsByIdsQuery = preparedQuery((db, connectionIds: readonly string[]) =>
  db.selectFrom('connections').selectAll().where('id', 'in', connectionIds),
);

/**
 * A connection the caller knows exists (it holds a reference to it); throws
 * kysely's `NoResultError` otherwise.
 *
 * @example
 * const connection = await getConnection(db, intent.connection_id);
 */
export async function getConnection(db: StoreDb, connectionId: string): Promise<ConnectionRow> {
  return connectionByIdQuery(db, connectionId).executeTakeFirstOrThrow();
}

/**
 * One of the owner's connections; `undefined` when it does not exist or is another owner's.
 *
 * @example
 * const connection = await findOwnedConnection(trx, ownerId, connectionId);
 */
export async function findOwnedConnection(
  db: StoreDb,
  ownerId: string,
  connectionId: string,
): Promise<ConnectionRow | undefined> {
  const [row] = await ownedConnectionQuery(db, connectionId, ownerId);
  return row;
}

const ownedConnectionQuery = preparedQuery((db, connectionId: string, ownerId: string) =>
  db
    .selectFrom('connections')
    .selectAll()
    .where('id', '=', connectionId)
    .where('owner_id', '=', ownerId),
);

const insertConnectionRows = preparedInsert('connections');

/**
 * Inserts a new connection row.
 *
 * @example
 * await insertConnectionRow(trx, { id: newId('con'), owner_id, connector, … });
 */
export async function insertConnectionRow(db: StoreDb, row: NewConnection): Promise<void> {
  await insertConnectionRows(db, [row]);
}

/**
 * Holds the connection's row for the rest of the transaction, so a check
 * followed by a write ("no live run yet, queue one") cannot interleave with
 * the same check in another transaction or process. A write that changes
 * nothing takes PostgreSQL's row lock on both dialects' terms (SQLite's
 * writer is serialized already) without a dialect switch.
 *
 * @example
 * await lockConnectionRow(trx, connection.id);
 * if ((await findOpenRun(trx, connection.id)) === undefined) await insertRun(trx, run);
 */
export async function lockConnectionRow(db: StoreDb, connectionId: string): Promise<void> {
  await db
    .updateTable('connections')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', connectionId)
    .execute();
}

/**
 * Writes a lifecycle step only if the connection is still in `from` and not
 * retired: concurrent callers cannot both win. Resolves whether it was written.
 *
 * @example
 * const changed = await transitionConnection(trx, connection.id, 'draft', { status: 'active', … });
 */
export async function transitionConnection(
  db: StoreDb,
  connectionId: string,
  from: ConnectionStatus,
  set: ConnectionUpdate,
): Promise<boolean> {
  const result = await db
    .updateTable('connections')
    .set(set)
    .where('id', '=', connectionId)
    .where('status', '=', from)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records the provider account a connection is bound to (the identity echo).
 *
 * @example
 * await setConnectionAccount(trx, connection.id, { account_id: '42', account_label: 'octocat' });
 */
export async function setConnectionAccount(
  db: StoreDb,
  connectionId: string,
  account: { readonly account_id: string; readonly account_label: string },
): Promise<void> {
  await db
    .updateTable('connections')
    .set({ account_id: account.account_id, account_label: account.account_label })
    .where('id', '=', connectionId)
    .execute();
}

/**
 * The oldest other connection of this owner and connector that is past its
 * draft and holds the same provider account: what "the same account is
 * already connected" points at. Revoked ones count (they can be
 * reconnected); drafts do not.
 *
 * @example
 * const same = await findSameAccountConnection(db, { ownerId, connector: 'github', accountId: '583231', exceptId: draft.id });
 */
export async function findSameAccountConnection(
  db: StoreDb,
  match: {
    readonly ownerId: string;
    readonly connector: string;
    readonly accountId: string;
    readonly exceptId: string;
  },
): Promise<Pick<ConnectionRow, 'id' | 'label' | 'account_label' | 'status'> | undefined> {
  return db
    .selectFrom('connections')
    .select(['id', 'label', 'account_label', 'status'])
    .where('owner_id', '=', match.ownerId)
    .where('connector', '=', match.connector)
    .where('account_id', '=', match.accountId)
    .where('id', '!=', match.exceptId)
    .where('status', '!=', draft)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/**
 * For each of these connections that has an account, the other connections
 * of its owner and connector past their draft holding the same account,
 * oldest first: `of` names the connection asked about. One indexed query
 * for the batch.
 *
 * @example
 * const rows = await listSameAccountConnections(db, [connection.id]);
 */
export async function listSameAccountConnections(
  db: StoreDb,
  connectionIds: readonly string[],
): Promise<
  Array<Pick<ConnectionRow, 'id' | 'label' | 'account_label' | 'status'> & { of: string }>
> {
  if (connectionIds.length === 0) return [];
  return db
    .selectFrom('connections as asked')
    .innerJoin('connections as other', (join) =>
      join
        .onRef('other.owner_id', '=', 'asked.owner_id')
        .onRef('other.connector', '=', 'asked.connector')
        .onRef('other.account_id', '=', 'asked.account_id')
        .onRef('other.id', '!=', 'asked.id'),
    )
    .select([
      'asked.id as of',
      'other.id as id',
      'other.label as label',
      'other.account_label as account_label',
      'other.status as status',
    ])
    .where('asked.id', 'in', [...connectionIds])
    .where('asked.account_id', 'is not', null)
    .where('other.status', '!=', draft)
    .orderBy('other.created_at')
    .orderBy('other.id')
    .execute();
}

/**
 * Gives a live (unretired) draft a new lifetime, e.g. a fresh enrollment code's;
 * a connection that is no longer a draft keeps its own.
 *
 * @example
 * await extendDraftLifetime(trx, connection.id, expiresAt, now);
 */
export async function extendDraftLifetime(
  db: StoreDb,
  connectionId: string,
  expiresAt: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('connections')
    .set({ expires_at: expiresAt, updated_at: now.toISOString() })
    .where('id', '=', connectionId)
    .where('status', '=', draft)
    .where('retired_at', 'is', null)
    .execute();
}

/** Where the previous page of connections ended. */
export interface ConnectionPosition {
  readonly createdAt: string;
  readonly id: string;
}

/** Which of an owner's connections to page through. */
export interface ConnectionPageOptions {
  /** Also drafts still in progress (not retired, not expired at `now`). */
  readonly includePending: boolean;
  readonly after?: ConnectionPosition;
  /** Rows to read; ask for one more than the page size to learn whether a next page exists. */
  readonly limit: number;
  readonly now: Date;
}

/** The query behind {@link listConnectionsPage}, for plan checks. */
export function connectionPageQuery(db: StoreDb, ownerId: string, options: ConnectionPageOptions) {
  const stamp = options.now.toISOString();
  const { after } = options;
  return db
    .selectFrom('connections')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where((eb) => {
      const live = eb('status', '!=', draft);
      if (!options.includePending) return live;
      return eb.or([
        live,
        eb.and([
          eb('status', '=', draft),
          eb('retired_at', 'is', null),
          eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', stamp)]),
        ]),
      ]);
    })
    .$if(after !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('created_at', '<', after?.createdAt ?? ''),
          eb.and([eb('created_at', '=', after?.createdAt ?? ''), eb('id', '<', after?.id ?? '')]),
        ]),
      ),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit);
}

/**
 * An owner's connections, newest first, after `after`: live ones (active,
 * needs attention, revoked) always, drafts in progress with `includePending`;
 * a retired or expired attempt never.
 *
 * @example
 * const rows = await listConnectionsPage(db, ownerId, { includePending: true, limit: 51, now });
 */
export async function listConnectionsPage(
  db: StoreDb,
  ownerId: string,
  options: ConnectionPageOptions,
): Promise<ConnectionRow[]> {
  return connectionPageQuery(db, ownerId, options).execute();
}

/** A count of connections of one connector (and status). */
export interface ConnectionCount {
  readonly connector: string;
  readonly status: string;
  readonly count: number;
}

/**
 * The owner's live (non-draft) connections, counted by connector and status.
 *
 * @example
 * const counts = await countLiveConnectionsByStatus(db, ownerId);
 */
export async function countLiveConnectionsByStatus(
  db: StoreDb,
  ownerId: string,
): Promise<ConnectionCount[]> {
  const rows = await db
    .selectFrom('connections')
    .select((eb) => ['connector', 'status', eb.fn.countAll<number | string>().as('n')])
    .where('owner_id', '=', ownerId)
    .where('status', '!=', draft)
    .groupBy(['connector', 'status'])
    .execute();
  return rows.map((row) => ({
    connector: row.connector,
    status: row.status,
    count: Number(row.n),
  }));
}

/**
 * The owner's drafts still in progress at `now` (not retired, not expired), counted by connector.
 *
 * @example
 * const pending = await countPendingDrafts(db, ownerId, now);
 */
export async function countPendingDrafts(
  db: StoreDb,
  ownerId: string,
  now: Date,
): Promise<{ readonly connector: string; readonly count: number }[]> {
  const stamp = now.toISOString();
  const rows = await db
    .selectFrom('connections')
    .select((eb) => ['connector', eb.fn.countAll<number | string>().as('n')])
    .where('owner_id', '=', ownerId)
    .where('status', '=', draft)
    .where('retired_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', stamp)]))
    .groupBy('connector')
    .execute();
  return rows.map((row) => ({ connector: row.connector, count: Number(row.n) }));
}

/** The query behind {@link listExpiredDrafts}, for plan checks. */
export function expiredDraftsQuery(db: StoreDb, now: Date, limit: number) {
  return db
    .selectFrom('connections')
    .selectAll()
    .where('status', '=', draft)
    .where('retired_at', 'is', null)
    .where('expires_at', '<=', now.toISOString())
    .orderBy('expires_at')
    .limit(limit);
}

/**
 * Up to `limit` unretired drafts whose lifetime ended by `now`, the longest
 * expired first, for the sweeper to retire in batches.
 *
 * @example
 * const due = await listExpiredDrafts(trx, now, 200);
 */
export async function listExpiredDrafts(
  db: StoreDb,
  now: Date,
  limit: number,
): Promise<ConnectionRow[]> {
  return expiredDraftsQuery(db, now, limit).execute();
}
