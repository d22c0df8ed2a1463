import type { createServices } from '@conn/services';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startBackgroundWork } from '../src/background-work';

type Services = ReturnType<typeof createServices>;

/** Services whose sync never ends and never heeds the shutdown signal: a collector stuck on a provider. */
function stuckServices() {
  const calls = { handedBack: [] as string[], syncs: 0 };
  const services = {
    recoverStaleRuns: async () => ({ requeued: [], failed: [] }),
    interruptUploads: async () => [],
    sweepExpired: async () => ({}),
    sweepUploads: async () => ({}),
    runNextSync: () => {
      calls.syncs += 1;
      return new Promise(() => {});
    },
    runNextImport: async () => null,
    handBackRuns: async (workerId: string) => {
      calls.handedBack.push(workerId);
      return ['run_1'];
    },
  } as unknown as Services;
  return { services, calls };
}

describe('background work stop', () => {
  it('hands a run that does not stop back to the queue once the grace is over, and claims nothing more', async () => {
    const { services, calls } = stuckServices();
    const work = startBackgroundWork(services, {
      workerId: 'w1',
      log: pino({ level: 'silent' }),
      timings: { pollMs: 10, staleAfterMs: 3_000, sweepMs: 60_000 },
      shutdownGraceMs: 300,
    });
    await expect.poll(() => calls.syncs).toBe(1);
    const started = Date.now();
    await work.stop();
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(2_000);
    expect(calls.handedBack).toEqual(['w1']);
    expect(calls.syncs).toBe(1);
  });
});
