import type { Intent } from '@conn/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { consoleClient } from '../client/console-client';
import { pagePaths } from '../client/page-paths';
import { queryKeys } from '../client/query-keys';

/**
 * Starts a setup (an intent) and opens its page. The answer is kept in the
 * query cache: a collector's one-time code comes only with it, and lives
 * only in memory.
 */
export function useStartSetup() {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  return useMutation({
    mutationFn: (input: { connector: string; unproven?: boolean; label?: string }) =>
      consoleClient().connect(input.connector, {
        ...(input.unproven === true ? { unproven: true } : {}),
        ...(input.label === undefined ? {} : { label: input.label }),
        idempotencyKey: crypto.randomUUID(),
      }),
    onSuccess: (intent: Intent) => {
      queryClient.setQueryData(queryKeys.intent(intent.intent_id), intent);
      void queryClient.invalidateQueries({ queryKey: queryKeys.catalog });
      navigate(pagePaths.intent(intent.intent_id));
    },
  });
}
