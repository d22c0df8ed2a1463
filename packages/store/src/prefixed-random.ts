import { ConnError } from '@conn/setup-engine';
import { randomBase62 } from './random-base62';

const prefixPattern = /^[a-z][a-z0-9]{0,11}_?$/;

/**
 * `<prefix>_` followed by `length` random base62 characters. The prefix says
 * what the value names (`con`, `run`, `cct`…) so a misplaced one is obvious; it
 * may be given with or without its trailing underscore.
 *
 * @example
 * prefixedRandom('con', 22); // 'con_7Vq3y0ZpXbLk2d9RfT1mWa'
 */
export function prefixedRandom(prefix: string, length: number): string {
  return prefixHead(prefix) + randomBase62(length);
}

/**
 * The checked `<prefix>_` a prefixed value starts with.
 *
 * @example
 * prefixHead('run'); // 'run_'
 */
export function prefixHead(prefix: string): string {
  if (!prefixPattern.test(prefix)) {
    throw new ConnError(
      'internal_error',
      `A prefix must be 1–12 lowercase letters or digits starting with a letter; got "${prefix}".`,
    );
  }
  return prefix.endsWith('_') ? prefix : `${prefix}_`;
}
