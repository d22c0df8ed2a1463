import { randomInt } from 'node:crypto';
import { Secret } from '@conn/setup-engine';

// Crockford base32: no I, L, O or U, so a code read aloud or retyped survives.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const groups = 3;
const groupLength = 4;

/**
 * A new one-time enrollment code, `XXXX-XXXX-XXXX` (60 random bits), easy to
 * type on a device. It is a bearer secret for its 15 minutes: store only
 * `hashToken(normalizeEnrollmentCode(code))`, show it once.
 *
 * @example
 * const code = newEnrollmentCode(); // Secret('7KQ2-M9XD-4T0B')
 */
export function newEnrollmentCode(): Secret {
  const parts: string[] = [];
  for (let group = 0; group < groups; group += 1) {
    let part = '';
    for (let index = 0; index < groupLength; index += 1) part += alphabet[randomInt(32)];
    parts.push(part);
  }
  return new Secret(parts.join('-'));
}

/**
 * The canonical form of a typed code — upper case, no separators or spaces,
 * look-alike letters folded (`O`→`0`, `I`/`L`→`1`) — or null when it cannot be
 * a code at all. Hash this form, so `7kq2 m9xd 4t0b` finds `7KQ2-M9XD-4T0B`.
 *
 * @example
 * normalizeEnrollmentCode(' 7kq2-m9xd-4tOb '); // '7KQ2M9XD4T0B'
 */
export function normalizeEnrollmentCode(input: string): string | null {
  const folded = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (folded.length !== groups * groupLength) return null;
  for (const char of folded) if (!alphabet.includes(char)) return null;
  return folded;
}
