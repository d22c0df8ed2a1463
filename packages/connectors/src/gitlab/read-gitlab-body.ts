import type { z } from 'zod';
import { readJsonBody } from '../github/read-json-body';
import { ProviderError } from '../provider-error';
import { gitlabResponseError } from './gitlab-response-error';

/**
 * The body of a GitLab API answer read with `schema`: a non-2xx answer is
 * its `gitlabResponseError`, a body the schema refuses `provider_unavailable`
 * (naming `pathname`, never the body).
 *
 * @example
 * const user = await readGitlabBody(response, '/api/v4/user', GitlabUserSchema, signal);
 */
export async function readGitlabBody<T>(
  response: Response,
  pathname: string,
  schema: z.ZodType<T>,
  signal: AbortSignal,
): Promise<T> {
  if (!response.ok) {
    await response.body?.cancel();
    throw gitlabResponseError(response, pathname);
  }
  const body = schema.safeParse(await readJsonBody(response, signal));
  if (!body.success) {
    throw new ProviderError(
      'provider_unavailable',
      `GitLab answered GET ${pathname} with a body conn cannot read.`,
      { provider: 'GitLab', status: response.status },
    );
  }
  return body.data;
}
