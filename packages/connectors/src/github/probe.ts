import type { Probe } from '../implementation';
import { readJsonBody } from '../read-json-body';
import { githubApiUrl } from './github-api-url';
import { githubGet } from './github-get';
import { githubResponseError } from './github-response-error';
import { GithubUserSchema } from './profile-record';
import { githubTokenExpiry } from './token-expiry';

/**
 * Checks a GitHub personal access token with `GET {api_url}/user` and echoes
 * the account: `{ account_id: '583231', label: 'octocat' }`, and when the token
 * expires if GitHub says it does (`credential_expires_at`). A 401 or a plain
 * 403 resolves `{ ok: false }` with a message that names GitHub and the
 * status; a rate limit, a 5xx, a network failure or the probe deadline rejects
 * (the token was not judged, so it must not be refused).
 *
 * @example
 * const result = await githubProbe({ fields: { api_url: '' }, secrets, signal, fetch });
 * if (result.ok) label = result.identity.label;
 */
export const githubProbe: Probe = async ({ fields, secrets, signal, fetch }) => {
  const response = await githubGet(`${githubApiUrl(fields)}/user`, { secrets, signal, fetch });
  if (!response.ok) {
    await response.body?.cancel();
    const error = githubResponseError(response, '/user');
    // Only a refusal of the token rejects it; an outage or a rate limit must not retire the owner's draft.
    if (error.code !== 'credential_rejected') throw error;
    return { ok: false, message: error.message };
  }
  const user = GithubUserSchema.safeParse(await readJsonBody(response, signal));
  if (!user.success) {
    return {
      ok: false,
      message: `GitHub answered GET /user (${response.status}) without an account id and login; check the API URL.`,
    };
  }
  return {
    ok: true,
    identity: { account_id: String(user.data.id), label: user.data.login },
    credential_expires_at: githubTokenExpiry(response.headers),
  };
};
