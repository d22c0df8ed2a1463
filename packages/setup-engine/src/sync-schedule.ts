import type { Manifest } from './manifest';
import { collectionSite } from './modalities/collection-site';

/** Sync intervals when a manifest names none: a server sync every 6 hours, a device collector daily. */
export const defaultSyncIntervalMinutes = { server: 360, device: 1_440 } as const;

/** Three intervals without a success make a connection stale. */
export const staleAfterIntervals = 3;

/** The first retry after a failed sync waits this long (or the interval, if shorter); each further one doubles. */
const firstRetryMs = 60_000;

/**
 * How often a connection of this connector syncs (or its collector should
 * report), in milliseconds: the instance override when the operator set
 * one, else the manifest's, else the default for where it is collected.
 * Null for imports, which do not sync.
 *
 * @example
 * syncIntervalMs(githubManifest, null); // 21_600_000
 */
export function syncIntervalMs(manifest: Manifest, overrideMs: number | null): number | null {
  const site = collectionSite(manifest.setup.modality);
  if (site === 'upload' || site === 'none') return null;
  if (overrideMs !== null) return overrideMs;
  return (manifest.sync_interval_minutes ?? defaultSyncIntervalMinutes[site]) * 60_000;
}

/**
 * When the next sync runs after `failures` consecutive failures: one
 * interval after a success; after a failure a doubling delay from one
 * minute, capped at the interval, so a broken provider is not hammered
 * and a healed one is noticed soon.
 *
 * @example
 * nextSyncDelayMs(21_600_000, 0); // 21_600_000
 * nextSyncDelayMs(21_600_000, 3); // 240_000
 */
export function nextSyncDelayMs(intervalMs: number, failures: number): number {
  if (failures <= 0) return intervalMs;
  return Math.min(intervalMs, firstRetryMs * 2 ** Math.min(failures - 1, 30));
}

/**
 * Whether nothing has succeeded for three intervals, counted from the last
 * success (or from activation, before the first scheduled one).
 *
 * @example
 * isStale({ lastSuccessAt: null, since: activatedAt, intervalMs, now });
 */
export function isStale(input: {
  lastSuccessAt: string | null;
  since: string;
  intervalMs: number;
  now: Date;
}): boolean {
  const from = Date.parse(input.lastSuccessAt ?? input.since);
  return input.now.getTime() - from >= staleAfterIntervals * input.intervalMs;
}
