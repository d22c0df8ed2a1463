import { prefixHead } from './prefixed-random';
import { base62Alphabet, randomBase62 } from './random-base62';

/** Characters after the prefix of every id: 8 of creation time, 14 random (≈83 bits). */
export const idBodyLength = 22;
const timeLength = 8;

/**
 * A new opaque, URL-safe row id: `<prefix>_` + 22 base62 characters, the
 * creation millisecond (8 characters, in the alphabet's ASCII order) then 14
 * from the OS CSPRNG. Ids of one table therefore sort by creation, and a new
 * row's primary key lands beside the last one instead of on a random page of
 * the index: on SQLite that made each intent's commit write far fewer pages.
 * Ids name rows; they never grant access (tokens stay wholly random). The
 * prefix may be given with or without its trailing underscore.
 *
 * @example
 * newId('con');  // 'con_0VtQ3kZp7Vq3y0ZpXbLk2d'
 * newId('run_'); // 'run_…'
 */
export function newId(prefix: string): string {
  return prefixHead(prefix) + base62Time(Date.now()) + randomBase62(idBodyLength - timeLength);
}

function base62Time(ms: number): string {
  let out = '';
  let rest = ms;
  for (let index = 0; index < timeLength; index += 1) {
    out = base62Alphabet[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}
