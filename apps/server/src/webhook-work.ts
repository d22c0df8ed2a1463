import type { createServices } from '@conn/services';
import type { FastifyBaseLogger } from 'fastify';
import { workFailureReporter } from './work-failure-reporter';

type Services = ReturnType<typeof createServices>;

/** The shortest gap between two passes' starts; also the most a wakeup waits for its pass. */
const coalesceMs = 25;

/**
 * The webhook worker: fans new outbox events out into deliveries and makes
 * the due attempts, one at a time. Woken when events commit (in any replica
 * on PostgreSQL) and polling every `pollMs` for retries that came due.
 * Deliveries are claimed with row locks, so replicas never make the same
 * attempt. It runs beside the sync worker, so a slow receiver (up to 10 s an
 * attempt) never holds up a sync. `stop()` lets the current attempt finish.
 *
 * Wakeups coalesce: a pass starts at most once per 25 ms, so a burst of
 * commits (an agent creating intents) costs one fan-out and one delivery claim
 * per window instead of two more write transactions per commit.
 */
export function startWebhookWork(
  services: Services,
  options: { workerId: string; log: FastifyBaseLogger; pollMs: number },
): { stop(): Promise<void> } {
  const { log, workerId } = options;
  let stopping = false;
  let woken = false;
  let wake: (() => void) | null = null;
  const subscription = services.onEvents(() => {
    woken = true;
    wake?.();
  });
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopping) return resolve();
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const report = workFailureReporter(log, 'webhook work');
  const loop = (async () => {
    while (!stopping) {
      woken = false;
      const passStarted = Date.now();
      let pause = options.pollMs;
      try {
        while (!stopping && (await services.fanOutWebhookEvents()).more) {}
        report.succeeded();
        while (!stopping) {
          const delivery = await services.deliverNextWebhook(workerId);
          if (delivery === null) break;
          log.info(
            {
              webhook_id: delivery.webhook_id,
              delivery_id: delivery.id,
              event_id: delivery.event_id,
              status: delivery.status,
              attempts: delivery.attempts,
              status_code: delivery.last_status_code,
              error_code: delivery.last_error,
            },
            'webhook delivery attempted',
          );
        }
      } catch (error) {
        pause = Math.max(pause, report.failed(error));
      }
      await sleep(pause);
      wake = null;
      // Woken again at once (commits keep coming): let the burst gather before the next pass.
      const early = coalesceMs - (Date.now() - passStarted);
      if (!stopping && early > 0) await new Promise((resolve) => setTimeout(resolve, early));
    }
  })();

  return {
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      subscription.close();
    },
  };
}
