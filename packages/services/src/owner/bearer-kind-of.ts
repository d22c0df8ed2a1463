import { tokenPrefixes } from '@conn/store';

/** The kinds of bearer token a caller can present, each looked up in its own table. */
export type BearerKind = 'owner_session' | 'agent' | 'collector';

/**
 * Tells a bearer token's kind by its prefix (the store's one list of token
 * prefixes), or null when it has none of them.
 *
 * @example
 * bearerKindOf('coa_…'); // 'agent'
 */
export function bearerKindOf(token: string): BearerKind | null {
  if (token.startsWith(tokenPrefixes.ownerSession)) return 'owner_session';
  if (token.startsWith(tokenPrefixes.agent)) return 'agent';
  if (token.startsWith(tokenPrefixes.collector)) return 'collector';
  return null;
}
