import { ConnError } from '../errors';

/**
 * How deep a request's JSON may nest. Deeper than any shape of the contract
 * and any record worth keeping, and far from where a recursive step (zod,
 * `JSON.stringify`, the store's encoders) would run out of stack.
 */
export const maxJsonDepth = 64;

/** Where in a request a value came from, for the refusal's message. */
export type InputPart = 'path' | 'query' | 'body';

const partNames: Record<InputPart, string> = {
  path: 'The request path',
  query: 'The query string',
  body: 'The body',
};

/**
 * U+0000, which PostgreSQL text and jsonb cannot hold (SQLite would keep it,
 * so the databases would disagree), and a UTF-16 surrogate without its pair,
 * which has no UTF-8 form: neither survives a round trip through the store.
 */
const unpairedSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when every character of `text` survives a round trip through either database. */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !unpairedSurrogate.test(text);
}

/** Arrays and plain objects: what JSON and query parsing produce (a raw upload's stream is neither). */
function isJsonContainer(value: object): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The contract's one rule for input text and nesting, applied to a parsed
 * path, query or body before any schema or service sees it: every string and
 * key must be storable (`invalid_characters`) and containers may nest at most
 * {@link maxJsonDepth} levels (`json_too_deep`). Walks without recursion, so
 * a body nested far past the limit is refused, not a stack overflow. The
 * messages never quote the input.
 *
 * @example
 * assertStorableInput(request.body, 'body'); // throws ConnError('invalid_characters') on "a\u0000b"
 */
export function assertStorableInput(value: unknown, part: InputPart): void {
  const pending: Array<readonly [value: unknown, depth: number]> = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [current, depth] = next;
    if (typeof current === 'string') {
      if (!isStorableText(current)) throw invalidCharacters(part);
      continue;
    }
    if (typeof current !== 'object' || current === null || !isJsonContainer(current)) continue;
    if (depth > maxJsonDepth) {
      throw new ConnError(
        'json_too_deep',
        `${partNames[part]} nests deeper than ${maxJsonDepth} levels.`,
        { part, max_depth: maxJsonDepth },
      );
    }
    if (Array.isArray(current)) {
      for (const item of current) pending.push([item, depth + 1]);
      continue;
    }
    for (const key in current) {
      if (!isStorableText(key)) throw invalidCharacters(part);
      pending.push([current[key], depth + 1]);
    }
  }
}

function invalidCharacters(part: InputPart): ConnError {
  return new ConnError(
    'invalid_characters',
    `${partNames[part]} holds a character conn cannot store: U+0000 or half of a UTF-16 surrogate pair. Remove it and send the request again.`,
    { part },
  );
}
