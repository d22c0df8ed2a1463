import { ConnError } from '@conn/setup-engine';

/** Why a callback's state is refused, as `details.reason`. */
export type StateProblem = 'state_missing' | 'state_unknown' | 'state_used' | 'state_expired';

const stateMessages: Record<StateProblem, string> = {
  state_missing:
    'This authorization response carries no state, so conn cannot tell which setup it belongs to.',
  state_unknown:
    'This authorization response does not belong to a setup conn started (or it was cleaned up).',
  state_used: 'This authorization response was already used. Start the authorization again.',
  state_expired: 'This authorization took longer than 10 minutes and expired. Start it again.',
};

/**
 * The `invalid_request` error for a callback whose state conn cannot accept,
 * with the problem as `details.reason`; nothing was connected.
 *
 * @example
 * if (session === undefined) throw stateRefused('state_unknown');
 */
export function stateRefused(reason: StateProblem): ConnError {
  return new ConnError('invalid_request', `${stateMessages[reason]} Nothing was connected.`, {
    reason,
  });
}
