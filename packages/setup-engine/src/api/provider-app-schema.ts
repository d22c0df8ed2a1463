import { z } from 'zod';

/** The body of `PUT /v1/owner/deployment/provider-apps/:group`. */
export const ProviderAppRequestSchema = z.strictObject({
  client_id: z.string().trim().min(1).max(512),
  /** Sealed at once; never stored, logged or returned in plaintext. */
  client_secret: z.string().min(1).max(16_384),
  /** Only for providers whose manifest takes one (self-managed GitLab). */
  instance_url: z.string().trim().min(1).max(2_048).optional(),
});
export type ProviderAppRequest = z.input<typeof ProviderAppRequestSchema>;

/**
 * A configured provider OAuth app as reads show it: non-secret metadata and
 * a fingerprint of the client secret, never the secret itself.
 *
 * @example
 * const app = await owner.putProviderApp(group, { client_id, client_secret: new Secret(input) });
 */
export const ProviderAppSchema = z.strictObject({
  group: z.string(),
  label: z.string(),
  client_id: z.string(),
  /** The instance conn talks to: the operator's, or the manifest's default; null when the provider takes none. */
  instance_url: z.string().nullable(),
  /** 12 hex characters, or null when the secret cannot be opened with this server's key. */
  client_secret_fingerprint: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type ProviderApp = z.infer<typeof ProviderAppSchema>;

/** `GET /v1/owner/deployment/provider-apps`. */
export const ProviderAppListSchema = z.strictObject({ items: z.array(ProviderAppSchema) });
export type ProviderAppList = z.infer<typeof ProviderAppListSchema>;
