import { readApiBody } from '../read-api-body';
import { type GithubRequestContext, githubGet } from './github-get';
import { githubApi } from './github-response-error';
import { type GithubUser, GithubUserSchema } from './profile-record';
import { githubTokenExpiry, tokenExpiryHeader } from './token-expiry';

/** What `GET /user` answered: the account (null when unchanged since `etag`) and its ETag. */
export interface GithubUserAnswer {
  user: GithubUser | null;
  /** The answer's ETag (what the next sync sends back), null when GitHub gave none. */
  etag: string | null;
  /**
   * When the token stops working, as GitHub said with this answer; null when
   * it said none (the token does not expire), absent when a 304 did not say.
   */
  credentialExpiresAt?: string | null;
}

/**
 * Reads the authenticated account with `GET {apiUrl}/user`. Given the ETag
 * of the last sync's answer, a 304 resolves `{ user: null }` (unchanged; it
 * does not count against the rate limit). Either way it reports the token's
 * expiry GitHub sent with the answer. Throws a `ProviderError` for a
 * non-2xx answer or a body without an account id and login.
 *
 * @example
 * const { user, etag } = await readGithubUser(apiUrl, context, syncCursors.profile ?? null);
 */
export async function readGithubUser(
  apiUrl: string,
  context: GithubRequestContext,
  etag: string | null,
): Promise<GithubUserAnswer> {
  const response = await githubGet(`${apiUrl}/user`, context, undefined, etag ?? undefined);
  if (response.status === 304 && etag !== null) {
    const told = response.headers.has(tokenExpiryHeader);
    return {
      user: null,
      etag,
      ...(told ? { credentialExpiresAt: githubTokenExpiry(response.headers) } : {}),
    };
  }
  const user = await readApiBody(response, githubApi, '/user', GithubUserSchema, context.signal);
  return {
    user,
    etag: response.headers.get('etag'),
    credentialExpiresAt: githubTokenExpiry(response.headers),
  };
}
