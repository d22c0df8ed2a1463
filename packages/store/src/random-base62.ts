import { customAlphabet } from 'nanoid';

/** Base62 in ASCII order, so strings of it sort as their values do. */
export const base62Alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// nanoid draws from a pooled CSPRNG buffer and masks without modulo bias;
// a randomBytes call per id cost more than the insert it named.
const base62 = customAlphabet(base62Alphabet);

/**
 * `length` characters of [0-9A-Za-z] from the OS CSPRNG, without modulo bias
 * (≈5.95 bits each). Base62 keeps ids and tokens URL-safe and double-click selectable.
 *
 * @example
 * randomBase62(22); // '4QmZ0x…' (~131 bits)
 */
export function randomBase62(length: number): string {
  return base62(length);
}
