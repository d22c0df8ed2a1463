import { createHash } from 'node:crypto';
import type { IntentRequestSchema } from '@conn/setup-engine';

/**
 * A stable hash of an intent request's meaning, so reusing an idempotency key
 * with another body is caught.
 *
 * @example
 * const requestHash = hashIntentRequest(request);
 */
export function hashIntentRequest(request: ReturnType<typeof IntentRequestSchema.parse>): string {
  const canonical = JSON.stringify([
    request.connector,
    request.label ?? null,
    request.reconnect_connection_id ?? null,
    request.unproven ?? false,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
