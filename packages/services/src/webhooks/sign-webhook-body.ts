import { createHmac } from 'node:crypto';
import { formatWebhookSignature, type Secret, webhookSignedPayload } from '@conn/setup-engine';

/**
 * The `Conn-Signature` value for a body sent at `at`: HMAC-SHA256 with the
 * webhook's secret over `<unix seconds>.<body>` (see `webhookSignedPayload`).
 *
 * @example
 * headers[webhookHeaders.signature] = signWebhookBody(secret, body, now);
 */
export function signWebhookBody(secret: Secret, body: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  const hex = createHmac('sha256', secret.reveal())
    .update(webhookSignedPayload(timestamp, body), 'utf8')
    .digest('hex');
  return formatWebhookSignature(timestamp, [hex]);
}
