import { ConnError } from '@conn/setup-engine';

/**
 * What a sealed value belongs to. The vault binds every sealed value to its
 * scope as AES-GCM additional authenticated data, so a value copied to
 * another connection (or another provider app, or another authorization
 * session) fails to open instead of leaking into the wrong account.
 *
 * @example
 * vault.seal(token, { connectionId: 'con_123' });
 * vault.seal(clientSecret, { providerAppGroup: 'gitlab' });
 * vault.seal(pkceVerifier, { authSessionId: 'aus_456' });
 * vault.seal(signingSecret, { webhookId: 'whk_789' });
 */
export type VaultScope =
  | { readonly connectionId: string }
  | { readonly providerAppGroup: string }
  | { readonly authSessionId: string }
  | { readonly webhookId: string };

const scopePrefixes = {
  connectionId: 'connection',
  providerAppGroup: 'provider-app',
  authSessionId: 'auth-session',
  webhookId: 'webhook',
} as const;
const scopeFields = Object.keys(scopePrefixes) as (keyof typeof scopePrefixes)[];

/**
 * The canonical text of a scope (`connection:<id>`, `provider-app:<group>`,
 * `auth-session:<id>`, `webhook:<id>`): the exact bytes authenticated with a sealed value.
 * Exactly one scope field must be set, so an ambiguous scope cannot silently
 * pick one binding.
 *
 * @example
 * vaultScopeLabel({ connectionId: 'con_123' }); // 'connection:con_123'
 */
export function vaultScopeLabel(scope: VaultScope): string {
  let label: string | undefined;
  let fields = 0;
  for (const field of scopeFields) {
    if (field in scope) {
      fields++;
      label = labelFor(field, (scope as Record<string, unknown>)[field]);
    }
  }
  if (fields !== 1 || label === undefined) {
    throw new ConnError(
      'invalid_request',
      'A vault scope needs exactly one of connectionId, providerAppGroup, authSessionId or webhookId.',
    );
  }
  return label;
}

function labelFor(field: keyof typeof scopePrefixes, id: unknown): string {
  if (typeof id !== 'string' || id.length === 0) {
    throw new ConnError('invalid_request', `A vault scope's ${field} must be a non-empty string.`);
  }
  return `${scopePrefixes[field]}:${id}`;
}
