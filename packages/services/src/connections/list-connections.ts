import { ConnError, type SetupStatus } from '@conn/setup-engine';
import { type ConnectionPosition, listConnectionsPage } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { loadSetupStatuses } from './load-setup-statuses';

/** Options of a connection listing. */
export interface ListConnectionsOptions {
  /** Also list drafts still in progress (never retired or expired ones). */
  includePending?: boolean;
  /** The `next_cursor` of the previous page. */
  cursor?: string | null;
  /** Page size, 1–200 (default 50). */
  limit?: number;
}

/** One page of connections, newest first. */
export interface ConnectionPage {
  items: SetupStatus[];
  next_cursor: string | null;
}

const defaultLimit = 50;
const maxLimit = 200;

/**
 * The owner's connections, newest first, keyset-paginated: active,
 * needs_attention and revoked ones always; drafts only with `includePending`,
 * and then only those still in progress — a retired or expired attempt is
 * never listed (no ghost cards).
 *
 * @example
 * const { items, next_cursor } = await services.listConnections(ownerId, { includePending: true });
 */
export async function listConnections(
  deps: ServiceDeps,
  ownerId: string,
  options: ListConnectionsOptions = {},
): Promise<ConnectionPage> {
  const limit = options.limit ?? defaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw new ConnError('invalid_request', `The page size must be between 1 and ${maxLimit}.`);
  }
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const now = deps.clock();
  const rows = await listConnectionsPage(deps.store.db, ownerId, {
    includePending: options.includePending === true,
    ...(after === null ? {} : { after }),
    limit: limit + 1,
    now,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await loadSetupStatuses(deps.store.db, deps, page, now),
    next_cursor:
      rows.length > limit && last !== undefined ? encodeCursor(last.created_at, last.id) : null,
  };
}

function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): ConnectionPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string'
    ) {
      return { createdAt: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the owner-readable error below
  }
  throw new ConnError('invalid_request', 'This page cursor is not one this server issued.');
}
