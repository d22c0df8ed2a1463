import { z } from 'zod';

/**
 * Every lifecycle event conn publishes, in the order a setup usually meets
 * them. The names are a contract (SSE `event:` field, webhook subscriptions):
 * add, never rename.
 */
export const eventTypes = [
  'intent_created',
  'draft_created',
  'credential_accepted',
  'credential_rejected',
  'enrollment_code_minted',
  'enrollment_code_exchanged',
  'device_revoked',
  'authorization_started',
  'authorization_completed',
  'authorization_failed',
  'upload_staged',
  'upload_invalid',
  'upload_duplicate',
  'run_queued',
  'run_started',
  'run_progress',
  'run_succeeded',
  'run_failed',
  'connection_activated',
  'connection_needs_attention',
  'connection_revoked',
  'connection_reconnect_started',
  'connection_expired',
  'connection_abandoned',
  'connection_deleted',
  'run_undone',
  'proof_recorded',
] as const;
export const EventTypeSchema = z.enum(eventTypes);
export type EventType = z.infer<typeof EventTypeSchema>;
