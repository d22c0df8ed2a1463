import type { RecordListQuerySchema, RecordPage } from '@conn/setup-engine';
import { listRecords as listRecordPage } from '@conn/store';
import type { z } from 'zod';
import type { ServiceDeps } from '../service-deps';
import { getSetupStatus } from './get-setup-status';

const defaultPageSize = 100;

/**
 * One page of the records a connection collected, for its owner: another
 * owner's connection id is "not found".
 *
 * @example
 * const { items, next_cursor } = await services.listRecords(ownerId, connectionId, { stream: 'repositories' });
 */
export async function listRecords(
  deps: ServiceDeps,
  ownerId: string,
  connectionId: string,
  query: z.output<typeof RecordListQuerySchema>,
): Promise<RecordPage> {
  const status = await getSetupStatus(deps, ownerId, connectionId);
  const { stream, cursor, limit } = query;
  const page = await listRecordPage(deps.store.db, status.connection_id, {
    ...(stream === undefined ? {} : { stream }),
    ...(cursor === undefined ? {} : { cursor }),
    limit: limit ?? defaultPageSize,
  });
  return {
    items: page.records.map((item) => ({
      stream: item.stream,
      key: item.record_key,
      data: item.data,
      created_at: item.created_at,
      updated_at: item.updated_at,
    })),
    next_cursor: page.nextCursor,
  };
}
