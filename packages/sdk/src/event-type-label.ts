import type { EventType } from '@conn/setup-engine';

/**
 * One event type as an owner reads it in a list (a webhook's subscriptions,
 * its delivery log), so surfaces never show the raw type. Exhaustive over
 * the types this SDK knows (a new one fails the typecheck here); `'unknown'`
 * is a type a newer server added. `eventSentence` says what one event meant.
 *
 * @example
 * eventTypeLabel('connection_activated'); // 'Source connected'
 */
export function eventTypeLabel(type: EventType | 'unknown'): string {
  switch (type) {
    case 'intent_created':
      return 'Setup requested';
    case 'draft_created':
      return 'Setup started';
    case 'credential_accepted':
      return 'Credential accepted';
    case 'credential_rejected':
      return 'Credential refused';
    case 'enrollment_code_minted':
      return 'Device enrollment code issued';
    case 'enrollment_code_exchanged':
      return 'Device enrolled';
    case 'device_revoked':
      return 'Device revoked';
    case 'authorization_started':
      return 'Provider sign-in started';
    case 'authorization_completed':
      return 'Provider sign-in completed';
    case 'authorization_failed':
      return 'Provider sign-in did not complete';
    case 'upload_staged':
      return 'File received and checked';
    case 'upload_invalid':
      return 'File refused';
    case 'upload_duplicate':
      return 'File received twice';
    case 'run_queued':
      return 'Sync queued';
    case 'run_started':
      return 'Sync started';
    case 'run_progress':
      return 'Sync progress';
    case 'run_succeeded':
      return 'Sync finished';
    case 'run_failed':
      return 'Sync failed';
    case 'connection_activated':
      return 'Source connected';
    case 'connection_needs_attention':
      return 'Source needs attention';
    case 'connection_revoked':
      return 'Source revoked';
    case 'connection_reconnect_started':
      return 'Reconnect started';
    case 'connection_expired':
      return 'Setup attempt expired';
    case 'connection_abandoned':
      return 'Setup given up';
    case 'connection_deleted':
      return 'Source deleted';
    case 'run_undone':
      return 'Import undone';
    case 'proof_recorded':
      return 'First success recorded';
    case 'unknown':
      return 'An event type this version does not know';
  }
}
