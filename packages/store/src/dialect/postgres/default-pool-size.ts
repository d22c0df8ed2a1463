import { availableParallelism } from 'node:os';

/** The most connections a pool opens by default, so several replicas stay under PostgreSQL's 100. */
const largestDefault = 10;

/**
 * The PostgreSQL pool size when none is configured: twice the cores plus
 * one (the usual starting point, since a backend waits on I/O part of the
 * time), at most 10. A bigger pool on a small machine only queues more work
 * on the same cores: on 2 cores, 5 connections gave the same requests/s as
 * 10 and a lower p99 (`pnpm bench rest --db postgres`).
 *
 * @example
 * defaultPoolSize(2); // 5
 */
export function defaultPoolSize(cores: number = availableParallelism()): number {
  return Math.min(largestDefault, 2 * Math.max(1, cores) + 1);
}
