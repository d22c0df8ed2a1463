import { requeueWorkerRuns } from '@conn/store';
import type { ServiceDeps } from '../service-deps';

/**
 * Puts the runs a stopping worker still holds back in the queue, without
 * counting the attempt: another worker (or this server after its restart)
 * resumes each from its last checkpoint. Resolves the re-queued run ids.
 *
 * @example
 * process.once('SIGTERM', () => services.handBackRuns(workerId));
 */
export async function handBackRuns(
  deps: ServiceDeps,
  workerId: string,
): Promise<readonly string[]> {
  return requeueWorkerRuns(deps.store, { workerId });
}
