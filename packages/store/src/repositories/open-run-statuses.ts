import type { RunStatus } from '@conn/setup-engine';

/**
 * Run statuses that are not final: a run in one may still be claimed, report
 * progress or end. A connection has at most one run in these at a time.
 *
 * The only copy in the store; it gives way to the engine's `openRunStatuses`
 * once @conn/setup-engine exports it.
 */
export const openRunStatuses = ['queued', 'running'] as const satisfies readonly RunStatus[];
