import { prefixedRandom } from './prefixed-random';

/** Characters of randomness in every id: 22 base62 characters ≈ 131 bits. */
export const idRandomLength = 22;

/**
 * A new opaque, URL-safe row id: `<prefix>_` + 22 base62 characters from the
 * OS CSPRNG. The prefix may be given with or without its trailing underscore.
 *
 * @example
 * newId('con');  // 'con_7Vq3y0ZpXbLk2d9RfT1mWa'
 * newId('run_'); // 'run_…'
 */
export function newId(prefix: string): string {
  return prefixedRandom(prefix, idRandomLength);
}
