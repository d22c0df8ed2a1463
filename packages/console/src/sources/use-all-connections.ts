import type { SetupStatus } from '@conn/sdk';
import { useQuery } from '@tanstack/react-query';
import { consoleClient } from '../client/console-client';
import { queryKeys } from '../client/query-keys';

// The largest page the server hands out: 1,000 connections are five requests.
const pageSize = 200;

/**
 * Every connection of the owner, pending setups included, read page by page:
 * the Sources page groups and ranks them all, so it needs the whole list.
 */
export function useAllConnections() {
  return useQuery({
    queryKey: queryKeys.allConnections,
    queryFn: async ({ signal }): Promise<SetupStatus[]> => {
      const all: SetupStatus[] = [];
      let cursor: string | null = null;
      do {
        const page = await consoleClient().connections(
          { includePending: true, limit: pageSize, ...(cursor === null ? {} : { cursor }) },
          { signal },
        );
        all.push(...page.items);
        cursor = page.next_cursor;
      } while (cursor !== null);
      return all;
    },
  });
}
