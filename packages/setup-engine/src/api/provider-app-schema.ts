import { z } from 'zod';

/**
 * `PUT /v1/owner/deployment/provider-apps/:group`: the provider app as stored,
 * never its client secret. Only `group` is relied on; other fields the server
 * sends are kept as they come.
 *
 * @example
 * await client.putProviderApp('gitlab', { client_id, client_secret: new Secret(input) });
 */
export const ProviderAppSchema = z.looseObject({ group: z.string().min(1) });
export type ProviderApp = z.infer<typeof ProviderAppSchema>;
