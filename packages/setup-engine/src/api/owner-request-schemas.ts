import { z } from 'zod';

/** The body of `POST /v1/owner/login`. */
export const LoginRequestSchema = z.strictObject({
  password: z.string().min(1).max(1024),
  /** `cookie` (console, the default) or `token` (CLI: the session token comes back in the body). */
  mode: z.enum(['cookie', 'token']).default('cookie'),
});
export type LoginRequest = z.input<typeof LoginRequestSchema>;

/** The body of `POST /v1/owner/agent-tokens`. */
export const AgentTokenRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** A lifetime, for a token that should stop working by itself; omitted, it lasts until revoked. */
  expires_in_days: z.number().int().min(1).max(365).optional(),
});
export type AgentTokenRequest = z.input<typeof AgentTokenRequestSchema>;

/**
 * The body of `POST /v1/owner/password`. The new password follows the same
 * rule as the first-boot setting: at least 12 characters.
 */
export const OwnerPasswordRequestSchema = z.strictObject({
  current_password: z.string().min(1).max(1024),
  new_password: z.string().min(12, 'use at least 12 characters').max(1024),
});
export type OwnerPasswordRequest = z.input<typeof OwnerPasswordRequestSchema>;
