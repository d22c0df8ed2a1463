import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStale, nextSyncDelayMs, parseManifest, syncIntervalMs } from '../src/index';
import { manifestInputs } from './manifest-inputs';

const hour = 3_600_000;

describe('syncIntervalMs', () => {
  it('takes the manifest interval, the operator override before it, and nothing for imports', () => {
    const staticSecret = parseManifest({
      ...manifestInputs.static_secret,
      sync_interval_minutes: 30,
    });
    expect(syncIntervalMs(staticSecret, null)).toBe(30 * 60_000);
    expect(syncIntervalMs(staticSecret, 5_000)).toBe(5_000);
    expect(syncIntervalMs(parseManifest(manifestInputs.static_secret), null)).toBe(6 * hour);
    expect(syncIntervalMs(parseManifest(manifestInputs.local_collector), null)).toBe(24 * hour);
    expect(syncIntervalMs(parseManifest(manifestInputs.manual_or_upload), 5_000)).toBeNull();
  });
});

describe('nextSyncDelayMs', () => {
  it('waits one interval after a success and doubles from a minute after failures, capped', () => {
    expect(nextSyncDelayMs(6 * hour, 0)).toBe(6 * hour);
    expect(nextSyncDelayMs(6 * hour, 1)).toBe(60_000);
    expect(nextSyncDelayMs(6 * hour, 4)).toBe(480_000);
    expect(nextSyncDelayMs(6 * hour, 50)).toBe(6 * hour);
  });

  it('property: never longer than the interval, never shorter after one more failure', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000, max: 30 * 24 * hour }),
        fc.integer({ min: 1, max: 80 }),
        (interval, n) => {
          const delay = nextSyncDelayMs(interval, n);
          expect(delay).toBeLessThanOrEqual(interval);
          expect(nextSyncDelayMs(interval, n + 1)).toBeGreaterThanOrEqual(delay);
        },
      ),
    );
  });
});

describe('isStale', () => {
  const since = '2026-01-01T00:00:00.000Z';
  it('turns stale at three intervals without a success, counted from the last one', () => {
    const at = (ms: number) => new Date(Date.parse(since) + ms);
    expect(isStale({ lastSuccessAt: null, since, intervalMs: hour, now: at(3 * hour - 1) })).toBe(
      false,
    );
    expect(isStale({ lastSuccessAt: null, since, intervalMs: hour, now: at(3 * hour) })).toBe(true);
    const lastSuccessAt = at(2 * hour).toISOString();
    expect(isStale({ lastSuccessAt, since, intervalMs: hour, now: at(4 * hour) })).toBe(false);
  });
});
