import type { WebhookSettings } from './webhook-settings';

/**
 * The wait before the next attempt after `attempts` failed ones: the base
 * doubled per failure, capped, then "equal jitter" (half fixed, half random),
 * so receivers that came back together are not hit by every retry at once.
 *
 * @example
 * webhookRetryDelay(3, settings); // between 60 s and 120 s with a 30 s base
 */
export function webhookRetryDelay(
  attempts: number,
  settings: Pick<WebhookSettings, 'retryBaseMs' | 'retryMaxMs'>,
  random: () => number = Math.random,
): number {
  const doublings = Math.max(0, Math.min(attempts - 1, 30));
  const ceiling = Math.min(settings.retryBaseMs * 2 ** doublings, settings.retryMaxMs);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
