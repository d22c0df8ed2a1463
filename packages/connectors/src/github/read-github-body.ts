import type { z } from 'zod';
import { ProviderError } from '../provider-error';
import { githubResponseError } from './github-response-error';
import { readJsonBody } from './read-json-body';

/**
 * The body of a GitHub API answer read with `schema`: a non-2xx answer is
 * its `githubResponseError`, a body the schema refuses `provider_unavailable`
 * (naming `pathname`, never the body).
 *
 * @example
 * const user = await readGithubBody(response, '/user', GithubUserSchema, signal);
 */
export async function readGithubBody<T>(
  response: Response,
  pathname: string,
  schema: z.ZodType<T>,
  signal: AbortSignal,
): Promise<T> {
  if (!response.ok) {
    await response.body?.cancel();
    throw githubResponseError(response, pathname);
  }
  const body = schema.safeParse(await readJsonBody(response, signal));
  if (!body.success) {
    throw new ProviderError(
      'provider_unavailable',
      `GitHub answered GET ${pathname} with a body conn cannot read.`,
      { provider: 'GitHub', status: response.status },
    );
  }
  return body.data;
}
