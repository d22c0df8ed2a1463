import type { UnknownValue } from './api/forward-compatible';
import { isOpenRun, type SetupState } from './vocabulary';

/** Where a setup stands for someone waiting on it: done, over without success, or still going. */
export type SetupOutcome = 'active' | 'failed' | 'pending';

/** The part of a setup status the outcome is read from. */
export interface SetupOutcomeFacts {
  /** A client may read a state only a later server knows as `unknown`. */
  setup_state: SetupState | UnknownValue;
  run: { status: string } | null;
}

/**
 * Whether a setup is over, and how: `active`; `failed` when its first sync
 * failed, the attempt expired, the connection was revoked, or it needs
 * attention with no repair run under way; else `pending`. The SDK's
 * `waitForActive` and the CLI's watchers stop on the same answer.
 *
 * @example
 * if (setupOutcome(status) === 'failed') throw new SetupFailedError(status);
 */
export function setupOutcome(status: SetupOutcomeFacts): SetupOutcome {
  switch (status.setup_state) {
    case 'active':
      return 'active';
    case 'first_sync_failed':
    case 'expired':
    case 'revoked':
      return 'failed';
    // A repair run under way (after reconnect) keeps the state until its first ingest.
    case 'needs_attention':
      return isOpenRun(status.run?.status) ? 'pending' : 'failed';
    case 'awaiting_credential':
    case 'awaiting_owner_action':
    case 'awaiting_collector':
    case 'first_sync_pending':
    case 'first_sync_running':
    // A state this client does not know yet: keep waiting; the waiter's timeout still bounds it.
    case 'unknown':
      return 'pending';
  }
}
