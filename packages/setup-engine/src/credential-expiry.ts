/** A credential the provider says expires within this long needs attention: a week's notice. */
export const credentialExpiryNoticeMs = 7 * 24 * 3_600_000;

/**
 * Whether a credential that expires at `expiresAt` (as the provider said)
 * is inside its notice window at `now`, or past it. Null never expires.
 *
 * @example
 * isCredentialExpiring('2030-01-07T00:00:00.000Z', new Date('2030-01-01T00:00:00.000Z')); // true
 */
export function isCredentialExpiring(expiresAt: string | null, now: Date): boolean {
  if (expiresAt === null) return false;
  const at = Date.parse(expiresAt);
  return !Number.isNaN(at) && at - now.getTime() <= credentialExpiryNoticeMs;
}

/**
 * The latest expiry that is inside the notice window at `now`, as an ISO
 * time: stored credentials expiring at or before it need attention.
 *
 * @example
 * const before = expiringBefore(now); // now + 7 days
 */
export function expiringBefore(now: Date): string {
  return new Date(now.getTime() + credentialExpiryNoticeMs).toISOString();
}
