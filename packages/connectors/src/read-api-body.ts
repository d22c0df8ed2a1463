import type { z } from 'zod';
import { ProviderError } from './provider-error';
import { readJsonBody } from './read-json-body';

/** Which provider answered, and how its non-2xx answers become errors. */
export interface ProviderApi {
  /** The provider's display name, e.g. `GitHub`. */
  provider: string;
  responseError: (response: Response, pathname: string) => ProviderError;
}

/**
 * The body of a provider API answer read with `schema`: a non-2xx answer is
 * the provider's `responseError`, a body the schema refuses
 * `provider_unavailable` (naming `pathname`, never the body).
 *
 * @example
 * const user = await readApiBody(response, github, '/user', GithubUserSchema, signal);
 */
export async function readApiBody<T>(
  response: Response,
  api: ProviderApi,
  pathname: string,
  schema: z.ZodType<T>,
  signal: AbortSignal,
): Promise<T> {
  if (!response.ok) {
    await response.body?.cancel();
    throw api.responseError(response, pathname);
  }
  const body = schema.safeParse(await readJsonBody(response, signal));
  if (!body.success) {
    throw new ProviderError(
      'provider_unavailable',
      `${api.provider} answered GET ${pathname} with a body conn cannot read.`,
      { provider: api.provider, status: response.status },
    );
  }
  return body.data;
}
