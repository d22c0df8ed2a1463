import { z } from 'zod';

const StoredIdentitySchema = z.object({
  identity: z.object({ account_id: z.string().min(1), label: z.string() }),
});

/**
 * The account a stored validation report says a file belongs to (a chat's
 * key and name), or null when it says none.
 *
 * @example
 * const identity = storedIdentity(artifact.validation_json);
 */
export function storedIdentity(
  json: string | null,
): { account_id: string; account_label: string } | null {
  if (json === null) return null;
  const parsed = StoredIdentitySchema.safeParse(JSON.parse(json));
  if (!parsed.success) return null;
  return { account_id: parsed.data.identity.account_id, account_label: parsed.data.identity.label };
}
