/** GitHub names an expiring token's end in this response header; tokens without an expiry get none. */
export const tokenExpiryHeader = 'github-authentication-token-expiration';

// `2026-12-10 09:14:00 UTC`, or with a numeric offset: `2026-12-10 09:14:00 -0800`.
const expiryPattern = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}) ?(UTC|Z|[+-]\d{2}:?\d{2})$/;

/**
 * When the token a GitHub answer was authenticated with stops working, as an
 * ISO 8601 UTC time, read from `github-authentication-token-expiration`.
 * Null when the header is absent (the token does not expire) or not in a
 * form GitHub documents, so an odd header never fails a run.
 *
 * @example
 * githubTokenExpiry(new Headers({ [tokenExpiryHeader]: '2026-12-10 09:14:00 UTC' }));
 * // '2026-12-10T09:14:00.000Z'
 */
export function githubTokenExpiry(headers: Headers): string | null {
  const match = expiryPattern.exec(headers.get(tokenExpiryHeader)?.trim() ?? '');
  if (match === null) return null;
  const [, date, time, zone = ''] = match;
  const offset = zone === 'UTC' || zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const at = Date.parse(`${date}T${time}${offset}`);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}
