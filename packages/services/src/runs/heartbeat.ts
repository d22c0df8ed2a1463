import { heartbeatRun } from '@conn/store';
import type { ServiceDeps } from '../service-deps';

/**
 * The worker's heartbeat on its run; false when the run was taken from it
 * (recovered as stale, or cancelled by a revoke): stop and write nothing more.
 *
 * @example
 * if (!(await services.heartbeat(run.id, workerId))) controller.abort();
 */
export async function heartbeat(
  deps: ServiceDeps,
  runId: string,
  workerId: string,
): Promise<boolean> {
  return heartbeatRun(deps.store, { runId, workerId, now: deps.clock() });
}
