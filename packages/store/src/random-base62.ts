import { randomBytes } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// 248 = 4 × 62: bytes at or above it are dropped so every character is equally likely.
const unbiasedLimit = 248;

/**
 * `length` characters of [0-9A-Za-z] from the OS CSPRNG, without modulo bias
 * (≈5.95 bits each). Base62 keeps ids and tokens URL-safe and double-click selectable.
 *
 * @example
 * randomBase62(22); // '4QmZ0x…' (~131 bits)
 */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    // Ask for a little more than needed: about 3 % of bytes are rejected.
    for (const byte of randomBytes(length - out.length + 8)) {
      if (byte < unbiasedLimit) out += alphabet[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}
