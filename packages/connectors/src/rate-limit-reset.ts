/**
 * When a provider says its rate limit resets, as ISO 8601: from its reset
 * header (epoch seconds; GitHub's `x-ratelimit-reset`, GitLab's
 * `ratelimit-reset`) or from `retry-after` (seconds from now).
 *
 * @example
 * rateLimitReset(response.headers, 'x-ratelimit-reset', new Date());
 */
export function rateLimitReset(
  headers: Headers,
  resetHeader: string,
  now: Date,
): string | undefined {
  const reset = headers.get(resetHeader);
  if (reset !== null && Number.isFinite(Number(reset))) {
    return new Date(Number(reset) * 1000).toISOString();
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null && Number.isFinite(Number(retryAfter))) {
    return new Date(now.getTime() + Number(retryAfter) * 1000).toISOString();
  }
  return undefined;
}
