import type { SetupState } from './response-types';

/**
 * One owner-readable sentence per setup state, so surfaces never show the
 * raw value. Exhaustive: a new state fails the typecheck here, and a state
 * only a later server knows reads as `unknown`.
 *
 * @example
 * setupStateSentence('first_sync_running'); // 'The first sync is running.'
 */
export function setupStateSentence(state: SetupState): string {
  switch (state) {
    case 'awaiting_credential':
      return 'Waiting for the owner to enter the credential.';
    case 'awaiting_owner_action':
      return 'Waiting for the owner to finish the setup step.';
    case 'awaiting_collector':
      return 'Waiting for the collector on your device to send its first records.';
    case 'first_sync_pending':
      return 'The first sync is about to start.';
    case 'first_sync_running':
      return 'The first sync is running.';
    case 'first_sync_failed':
      return 'The first sync did not finish.';
    case 'active':
      return 'Connected and collecting.';
    case 'needs_attention':
      return 'This connection needs attention.';
    case 'revoked':
      return 'Revoked: collection stopped and the collected records are kept.';
    case 'expired':
      return 'This setup attempt ended before it finished. Nothing was connected.';
    case 'unknown':
      return 'The server reports a state this version of conn does not know yet. Update conn to see it.';
  }
}
