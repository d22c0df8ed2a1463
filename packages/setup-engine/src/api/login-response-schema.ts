import { z } from 'zod';

/**
 * `POST /v1/owner/login`. With `mode: 'token'` the owner session token comes
 * back in `session_token`; with the console's cookie mode, a CSRF token does.
 */
export const LoginResponseSchema = z.strictObject({
  expires_at: z.string(),
  csrf_token: z.string().optional(),
  session_token: z.string().optional(),
});

/** `POST /v1/owner/password`: how many other sessions the change ended (this one stays). */
export const OwnerPasswordChangedSchema = z.strictObject({
  ended_sessions: z.number().int().nonnegative(),
});
export type OwnerPasswordChanged = z.infer<typeof OwnerPasswordChangedSchema>;
