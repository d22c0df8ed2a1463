import type { SetupStatus } from './response-types';

/**
 * `waitForActive` gave up after its `timeoutMs`. The setup may still finish:
 * `lastStatus` is what the server said last (null if it never answered).
 *
 * @example
 * catch (error) { if (error instanceof SetupTimeoutError) keepWatching(error.connectionId); }
 */
export class SetupTimeoutError extends Error {
  readonly connectionId: string;
  readonly lastStatus: SetupStatus | null;

  constructor(connectionId: string, timeoutMs: number, lastStatus: SetupStatus | null) {
    super(`The setup did not turn active within ${Math.round(timeoutMs / 1000)} s.`);
    this.name = 'SetupTimeoutError';
    this.connectionId = connectionId;
    this.lastStatus = lastStatus;
  }
}
