import { isConnError } from '@conn/setup-engine';
import type { FastifyBaseLogger } from 'fastify';

/** How long a worker waits between tries while the database is away. */
const outageRetryMs = 1_000;

/**
 * How a background loop reports its failures: an unavailable database is
 * one warning when it goes and one line when it is back (not an error per
 * poll), with a slower retry meanwhile; anything else is an error each time.
 *
 * @example
 * const report = workFailureReporter(log, 'background work');
 * try { await step(); report.succeeded(); } catch (error) { pause = report.failed(error); }
 */
export function workFailureReporter(log: FastifyBaseLogger, what: string) {
  let down = false;
  return {
    /** Returns how long to wait before the next try, at least. */
    failed(error: unknown): number {
      if (isConnError(error, 'database_unavailable')) {
        if (!down) log.warn({ code: error.code }, `${what} paused: the database is unavailable`);
        down = true;
        return outageRetryMs;
      }
      log.error(
        { err: { type: (error as Error).name, code: (error as { code?: string }).code } },
        `${what} failed`,
      );
      return 0;
    },
    succeeded(): void {
      if (down) log.info(`${what} resumed: the database is back`);
      down = false;
    },
  };
}
