import { parseWebhookSignature, webhookSignedPayload } from '@conn/setup-engine';

/** What {@link verifyWebhookSignature} checks. */
export interface VerifyWebhookSignatureInput {
  /** The webhook's signing secret (`whsec_…`), shown once when it was registered. */
  secret: string;
  /** The `Conn-Signature` header as received. */
  header: string | null | undefined;
  /** The raw request body, exactly as received: not re-serialized JSON. */
  body: string | Uint8Array;
  /** How far the signature's time may be from now; default 300 s. */
  toleranceSec?: number;
  /** The receiver's clock; default `Date.now()`. */
  now?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function hexBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * Checks a conn webhook delivery: the `Conn-Signature` header must carry a
 * `v1` HMAC-SHA256 of `<t>.<body>` under the secret, with `t` within
 * `toleranceSec` of now (so a captured delivery cannot be replayed later).
 * Resolves `false` for a missing, malformed, stale or wrong signature.
 * Runs on WebCrypto (browsers, Node, Deno, workers); the comparison is
 * WebCrypto's own constant-time HMAC verify.
 *
 * @example
 * const ok = await verifyWebhookSignature({
 *   secret: process.env.CONN_WEBHOOK_SECRET,
 *   header: request.headers['conn-signature'],
 *   body: rawBody,
 * });
 * if (!ok) return reply.code(400).send();
 */
export async function verifyWebhookSignature(input: VerifyWebhookSignatureInput): Promise<boolean> {
  if (typeof input.header !== 'string' || input.secret.length === 0) return false;
  const parsed = parseWebhookSignature(input.header);
  if (parsed === null) return false;
  const toleranceSec = input.toleranceSec ?? 300;
  const nowSec = Math.floor((input.now ?? Date.now()) / 1000);
  if (Math.abs(nowSec - parsed.timestamp) > toleranceSec) return false;
  const body = typeof input.body === 'string' ? input.body : decoder.decode(input.body);
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(input.secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const payload = encoder.encode(webhookSignedPayload(parsed.timestamp, body));
  for (const signature of parsed.signatures) {
    if (await crypto.subtle.verify('HMAC', key, hexBytes(signature), payload)) return true;
  }
  return false;
}
