import { z } from 'zod';

/**
 * `POST /v1/owner/connectors/:key/authorize`: the provider URL the owner opens
 * to approve access. Other fields the server sends are kept as they come.
 *
 * @example
 * const { authorization_url } = await client.authorize(plan.connector.key);
 */
export const AuthorizationStartSchema = z.looseObject({ authorization_url: z.string().min(1) });
export type AuthorizationStart = z.infer<typeof AuthorizationStartSchema>;
