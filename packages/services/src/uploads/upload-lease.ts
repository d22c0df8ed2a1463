/** How long a receiving process holds an upload, and how often it renews the hold. */
export interface UploadLease {
  /** An upload whose lease is this far past lost its server: it is `interrupted`. */
  readonly leaseMs: number;
  /** The renewal period: a third of the lease, so two missed renewals still hold it. */
  readonly renewEveryMs: number;
}

/** The longest lease a host may set: renewals stay at most 10 s apart (product rule). */
export const maxUploadLeaseMs = 30_000;

/**
 * The upload lease with its default filled in: held 10 s, renewed every
 * 3.3 s, so an upload whose server died (a crash, a `kill -9`) is marked
 * `interrupted` by any replica within seconds, never one that is still arriving.
 *
 * @example
 * uploadLease({ leaseMs: 3_000 }).renewEveryMs; // 1_000
 */
export function uploadLease(options: { leaseMs?: number } = {}): UploadLease {
  const leaseMs = Math.min(Math.max(options.leaseMs ?? 10_000, 300), maxUploadLeaseMs);
  return Object.freeze({ leaseMs, renewEveryMs: Math.floor(leaseMs / 3) });
}
