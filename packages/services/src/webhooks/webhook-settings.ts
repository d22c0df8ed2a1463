/** How webhook deliveries are checked, timed and retried; instance-level, from the server's settings. */
export interface WebhookSettings {
  /**
   * Allow URLs that resolve to loopback, private, link-local or unique-local
   * addresses (a receiver on the same host or network). Off by default, so a
   * webhook cannot be aimed at the server's own network.
   */
  readonly allowPrivateTargets: boolean;
  /** How long one attempt may take before it counts as `timeout`; at most 10 s. */
  readonly timeoutMs: number;
  /** The first retry's delay, doubling per failed attempt up to {@link retryMaxMs}, with jitter. */
  readonly retryBaseMs: number;
  /** The longest delay between two attempts. */
  readonly retryMaxMs: number;
  /** How long after a delivery is queued it is still retried; then it is `failed`. */
  readonly retryWindowMs: number;
  /** How long a claim keeps other workers off one delivery: longer than an attempt can take. */
  readonly leaseMs: number;
}

/** The most an attempt may take, and the default (product rule). */
export const maxWebhookTimeoutMs = 10_000;

/** The shortest time a failing delivery is retried for (product rule: at least 24 h). */
export const webhookRetryWindowMs = 24 * 60 * 60 * 1000;

/** What a host may set; the retry window and the timeout's ceiling are product rules. */
export type WebhookOptions = Partial<
  Pick<WebhookSettings, 'allowPrivateTargets' | 'timeoutMs' | 'retryBaseMs'>
>;

/**
 * The settings with the defaults filled in: private targets refused, 10 s
 * timeout, 30 s first retry doubling up to 1 h, retried for 24 h.
 *
 * @example
 * webhookSettings({ allowPrivateTargets: true }).retryBaseMs; // 30_000
 */
export function webhookSettings(options: WebhookOptions = {}): WebhookSettings {
  const timeoutMs = Math.min(options.timeoutMs ?? maxWebhookTimeoutMs, maxWebhookTimeoutMs);
  return Object.freeze({
    allowPrivateTargets: options.allowPrivateTargets ?? false,
    timeoutMs,
    retryBaseMs: options.retryBaseMs ?? 30_000,
    retryMaxMs: 60 * 60 * 1000,
    retryWindowMs: webhookRetryWindowMs,
    leaseMs: timeoutMs * 6,
  });
}
