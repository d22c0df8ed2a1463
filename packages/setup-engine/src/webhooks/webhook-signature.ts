/**
 * How conn signs a webhook delivery, written once for the server that signs
 * and the SDK that verifies. Each delivery carries
 *
 *     Conn-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>
 *
 * where the HMAC is keyed with the webhook's signing secret (`whsec_…`, shown
 * once at registration) over `<t>.<raw body>`. A receiver recomputes it over
 * the exact bytes it received, compares in constant time, and refuses a `t`
 * too far from its clock (a replayed capture). Further `v1=` entries may
 * follow (a later secret rotation); any one matching is enough.
 */
export const webhookHeaders = {
  signature: 'Conn-Signature',
  webhookId: 'Conn-Webhook-Id',
  /** Stable across a delivery's retries: receivers de-duplicate on it. */
  deliveryId: 'Conn-Delivery-Id',
  eventId: 'Conn-Event-Id',
  eventType: 'Conn-Event-Type',
} as const;

/** The signature scheme's version tag in `Conn-Signature`. */
export const webhookSignatureScheme = 'v1';

/**
 * The bytes the HMAC covers: the timestamp, a dot, and the raw body.
 *
 * @example
 * webhookSignedPayload(1767225600, '{"id":7}'); // '1767225600.{"id":7}'
 */
export function webhookSignedPayload(timestamp: number, body: string): string {
  return `${timestamp}.${body}`;
}

/**
 * The `Conn-Signature` value for a timestamp and hex signatures.
 *
 * @example
 * formatWebhookSignature(1767225600, ['5f2b…']); // 't=1767225600,v1=5f2b…'
 */
export function formatWebhookSignature(timestamp: number, signatures: readonly string[]): string {
  return [`t=${timestamp}`, ...signatures.map((hex) => `${webhookSignatureScheme}=${hex}`)].join(
    ',',
  );
}

/** A parsed `Conn-Signature`: its timestamp and every `v1` signature in it. */
export interface ParsedWebhookSignature {
  readonly timestamp: number;
  readonly signatures: readonly string[];
}

/**
 * Reads a `Conn-Signature` value; `null` when it has no integer `t` or no
 * well-formed `v1` (64 hex digits). Unknown schemes are skipped, so a later
 * scheme can be added beside `v1`.
 *
 * @example
 * parseWebhookSignature('t=1767225600,v1=5f2b…'); // { timestamp: 1767225600, signatures: ['5f2b…'] }
 */
export function parseWebhookSignature(header: string): ParsedWebhookSignature | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === webhookSignatureScheme && /^[0-9a-f]{64}$/i.test(value))
      signatures.push(value.toLowerCase());
  }
  if (timestamp === null || signatures.length === 0) return null;
  return { timestamp, signatures };
}
