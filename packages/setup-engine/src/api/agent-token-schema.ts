import { z } from 'zod';

/** An owner-agent token as reads show it: metadata only, never the token. */
export const AgentTokenSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  /** When it stops working by itself; null never. */
  expires_at: z.string().nullable(),
});
export type AgentToken = z.infer<typeof AgentTokenSchema>;

/**
 * `POST /v1/owner/agent-tokens`: the new token, shown this once, and its metadata.
 *
 * @example
 * const { token, agent_token } = await ownerClient.createAgentToken('assistant');
 * const agent = ownerClient.withToken(token);
 */
export const CreatedAgentTokenSchema = z.strictObject({
  token: z.string(),
  agent_token: AgentTokenSchema,
});
export type CreatedAgentToken = z.infer<typeof CreatedAgentTokenSchema>;

/** The body of `GET /v1/owner/agent-tokens`. */
export const AgentTokenListSchema = z.strictObject({ agent_tokens: z.array(AgentTokenSchema) });

/** The body of `DELETE /v1/owner/agent-tokens/:id`. */
export const RevokedAgentTokenSchema = z.strictObject({ agent_token: AgentTokenSchema });
