import { readApiBody } from '../read-api-body';
import { type GitlabRequestContext, gitlabGet } from './gitlab-get';
import { gitlabApi } from './gitlab-response-error';
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
  return readApiBody(response, gitlabApi, userPath, GitlabUserSchema, context.signal);
}
