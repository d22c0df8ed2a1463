import { createHash } from 'node:crypto';
import { Secret } from '@conn/setup-engine';
import { prefixedRandom } from './prefixed-random';

/** Characters of randomness in every token: 43 base62 characters ≈ 256 bits. */
export const tokenRandomLength = 43;

/**
 * SHA-256 hex of a bearer token, session token, enrollment code or OAuth state.
 * Only this hash is stored (`*_hash` columns); a lookup hashes the presented
 * value and compares hashes. The tokens are high-entropy, so no salt or slow
 * hash is needed (unlike owner passwords, which use scrypt).
 *
 * @example
 * const row = await db.selectFrom('collector_tokens')
 *   .where('token_hash', '=', hashToken(presented)).selectAll().executeTakeFirst();
 */
export function hashToken(token: string | Secret): string {
  const value = token instanceof Secret ? token.reveal() : token;
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * A new high-entropy token, `<prefix>_` + 43 base62 characters, wrapped in a
 * {@link Secret} so it cannot slip into a log or a JSON body by accident:
 * store `hashToken(token)`, and `reveal()` it once, in the response that hands it over.
 *
 * @example
 * const token = newToken('cct');
 * await trx.insertInto('collector_tokens').values({ …, token_hash: hashToken(token) }).execute();
 * reply.send({ collector_token: token.reveal() });
 */
export function newToken(prefix: string): Secret {
  return new Secret(prefixedRandom(prefix, tokenRandomLength));
}
