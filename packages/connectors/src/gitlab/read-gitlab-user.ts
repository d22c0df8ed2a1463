import { readJsonBody } from '../github/read-json-body';
import { ProviderError } from '../provider-error';
import { type GitlabRequestContext, gitlabGet } from './gitlab-get';
import { gitlabResponseError } from './gitlab-response-error';
import { type GitlabUser, GitlabUserSchema } from './profile-record';

const userPath = '/api/v4/user';

/**
 * Reads the account the access token belongs to with `GET /api/v4/user` on
 * the instance. Throws a `ProviderError` for a non-2xx answer or a body
 * without an id and username.
 *
 * @example
 * const user = await readGitlabUser(instanceUrl, { secrets, signal, fetch });
 */
export async function readGitlabUser(
  instanceUrl: string,
  context: GitlabRequestContext,
): Promise<GitlabUser> {
  const response = await gitlabGet(`${instanceUrl}${userPath}`, context);
  if (!response.ok) {
    await response.body?.cancel();
    throw gitlabResponseError(response, userPath);
  }
  const user = GitlabUserSchema.safeParse(await readJsonBody(response, context.signal));
  if (!user.success) {
    throw new ProviderError(
      'provider_unavailable',
      `GitLab answered GET ${userPath} with a body conn cannot read.`,
      { provider: 'GitLab', status: response.status },
    );
  }
  return user.data;
}
