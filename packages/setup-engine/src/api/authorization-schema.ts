import { z } from 'zod';
import { ConnectionLabelSchema, ResourceIdSchema } from './contract-fields';

/** The body of `POST /v1/owner/connectors/:key/authorize`. */
export const AuthorizeRequestSchema = z.strictObject({
  label: ConnectionLabelSchema.optional(),
  /** The owner confirms taking a path that has no recorded proof on this server yet. */
  unproven: z.boolean().optional(),
  /** Re-authorize this connection (reconnect) instead of adding a new one. */
  connection_id: ResourceIdSchema.optional(),
});
export type AuthorizeRequest = z.input<typeof AuthorizeRequestSchema>;

/**
 * `POST /v1/owner/connectors/:key/authorize`: the provider URL the owner
 * opens to approve access, valid until `expires_at`.
 *
 * @example
 * const { authorization_url } = await owner.authorize(plan.connector.key, { unproven: true });
 */
export const AuthorizationStartSchema = z.strictObject({
  authorization_url: z.string().min(1),
  expires_at: z.string(),
});
export type AuthorizationStart = z.infer<typeof AuthorizationStartSchema>;

/** The query the provider sends the owner's browser back with; providers may add parameters (`iss`, `scope`…). */
export const AuthorizationCallbackQuerySchema = z.looseObject({
  state: z.string().max(1_024).optional(),
  code: z.string().max(4_096).optional(),
  error: z.string().max(256).optional(),
});

/** `GET /v1/oauth/callback` answered as JSON (a caller that did not ask for a page). */
export const AuthorizationCallbackResultSchema = z.strictObject({
  connection_id: z.string(),
  reconnected: z.boolean(),
});
export type AuthorizationCallbackResult = z.infer<typeof AuthorizationCallbackResultSchema>;
