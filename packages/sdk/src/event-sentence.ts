import { countOf } from './count-of';
import type { ConnEvent } from './response-types';

/**
 * What an event means, in one owner-readable sentence, so surfaces never
 * show the raw type. Exhaustive over the types this SDK knows (a new one
 * fails the typecheck here).
 *
 * @example
 * eventSentence(event); // 'First sync finished: 7 records.'
 */
export function eventSentence(event: ConnEvent): string {
  switch (event.type) {
    case 'intent_created':
      return 'Setup requested.';
    case 'draft_created':
      return 'Setup started.';
    case 'credential_accepted':
      return event.rotated
        ? 'New credential accepted; the old one is gone.'
        : 'Credential accepted.';
    case 'credential_rejected':
      return 'Credential refused: nothing was stored.';
    case 'enrollment_code_minted':
      return 'Enrollment code issued for a device.';
    case 'enrollment_code_exchanged':
      return 'A device enrolled with its code.';
    case 'device_revoked':
      return 'A device was revoked: its collector can no longer send.';
    case 'authorization_started':
      return 'Sign-in with the provider started.';
    case 'authorization_completed':
      return 'Sign-in with the provider completed.';
    case 'authorization_failed':
      return 'Sign-in with the provider did not complete.';
    case 'upload_staged':
      return 'File received and checked.';
    case 'upload_invalid':
      return 'File refused: it is not an export this source reads.';
    case 'upload_duplicate':
      return 'File already received before; not imported twice.';
    case 'run_queued':
      return 'Sync queued.';
    case 'run_started':
      return 'Sync started.';
    case 'run_progress':
      return `Syncing: ${countOf(event.records_accepted, 'records')} so far.`;
    case 'run_succeeded':
      return `Sync finished: ${countOf(event.records_accepted, 'records')}.`;
    case 'run_failed':
      // The owner's own stop is not a failure (the run ended `cancelled`).
      return event.error_code === 'cancelled_by_owner' ? 'Stopped by you.' : 'Sync failed.';
    case 'connection_activated':
      return 'Connected.';
    case 'connection_needs_attention':
      return 'Needs attention.';
    case 'connection_revoked':
      return 'Revoked: collection stopped, records kept.';
    case 'connection_reconnect_started':
      return 'Reconnect started.';
    case 'connection_expired':
      return 'Setup attempt expired before it finished.';
    case 'connection_abandoned':
      return 'Setup given up.';
    case 'connection_deleted':
      return `Deleted with everything it held: ${countOf(event.records_deleted, 'records')}.`;
    case 'run_undone':
      return `Import undone: ${countOf(event.records_deleted, 'records')} removed.`;
    case 'proof_recorded':
      return 'First success recorded: owners can now add this source by themselves.';
  }
}
