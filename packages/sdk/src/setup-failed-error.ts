import type { Remediation, SetupStatus } from './response-types';
import { setupStateSentence } from './setup-state-sentence';

/**
 * A setup ended without turning active: the first sync failed, the attempt
 * expired, or the connection was revoked or needs attention. Carries the
 * status it ended on and its one repair action.
 *
 * @example
 * catch (error) {
 *   if (error instanceof SetupFailedError) console.log(error.remediation?.label);
 * }
 */
export class SetupFailedError extends Error {
  readonly status: SetupStatus;
  readonly remediation: Remediation | null;

  constructor(status: SetupStatus) {
    const repair = status.remediation;
    super(
      repair === null
        ? setupStateSentence(status.setup_state)
        : `${setupStateSentence(status.setup_state)} ${repair.label}: ${repair.description}`,
    );
    this.name = 'SetupFailedError';
    this.status = status;
    this.remediation = repair;
  }
}
