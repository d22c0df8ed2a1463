import { ProviderError } from '../provider-error';
import { type GithubRequestContext, githubGet } from './github-get';
import { githubResponseError } from './github-response-error';
import { type GithubUser, GithubUserSchema } from './profile-record';
import { readJsonBody } from './read-json-body';
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
  if (!response.ok) {
    await response.body?.cancel();
    throw githubResponseError(response, '/user');
  }
  const user = GithubUserSchema.safeParse(await readJsonBody(response, context.signal));
  if (!user.success) {
    throw new ProviderError(
      'provider_unavailable',
      'GitHub answered GET /user with a body conn cannot read.',
      { provider: 'GitHub', status: response.status },
    );
  }
  return {
    user: user.data,
    etag: response.headers.get('etag'),
    credentialExpiresAt: githubTokenExpiry(response.headers),
  };
}
