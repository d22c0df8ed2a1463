import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  assertStorableInput,
  isConnError,
  isStorableText,
  labelText,
  maxJsonDepth,
} from '../src/index';

function codeOf(run: () => void): string | null {
  try {
    run();
    return null;
  } catch (error) {
    if (isConnError(error)) return error.code;
    throw error;
  }
}

/** An array nested `depth` levels deep, built without recursion. */
function nestedArray(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

describe('isStorableText', () => {
  it('refuses U+0000 and unpaired surrogates, keeps every other character', () => {
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('\ud800')).toBe(false);
    expect(isStorableText('x\udc00')).toBe(false);
    expect(isStorableText('\udc00\ud800')).toBe(false);
    expect(isStorableText('tab\tnewline\n\u0001\u007f \u{1F600} \u202E')).toBe(true);
  });
});

describe('assertStorableInput', () => {
  it('walks strings, keys and arrays at any depth', () => {
    expect(codeOf(() => assertStorableInput({ a: [{ b: 'ok' }, 'x\u0000'] }, 'body'))).toBe(
      'invalid_characters',
    );
    expect(codeOf(() => assertStorableInput({ a: { 'k\ud800': 1 } }, 'body'))).toBe(
      'invalid_characters',
    );
    expect(codeOf(() => assertStorableInput({ a: [{ b: 'ok' }], n: null, t: true }, 'body'))).toBe(
      null,
    );
  });

  it(`takes ${maxJsonDepth} levels, refuses one more, and survives a million without recursion`, () => {
    expect(codeOf(() => assertStorableInput(nestedArray(maxJsonDepth), 'body'))).toBe(null);
    expect(codeOf(() => assertStorableInput(nestedArray(maxJsonDepth + 1), 'body'))).toBe(
      'json_too_deep',
    );
    expect(codeOf(() => assertStorableInput(nestedArray(1_000_000), 'body'))).toBe('json_too_deep');
  });

  it('never quotes the input in its message, and leaves a raw upload stream alone', () => {
    try {
      assertStorableInput({ secret: 'hunter2\u0000' }, 'query');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
      expect((error as Error).message).toContain('query string');
    }
    expect(codeOf(() => assertStorableInput(Readable.from(['\u0000']), 'body'))).toBe(null);
  });
});

describe('labelText', () => {
  it('removes controls and bidirectional marks, overrides and isolates', () => {
    expect(labelText('\u202Etxt.exe')).toBe('txt.exe');
    expect(labelText(' Fam\u2066i\u2069ly\u200f\u0000\n')).toBe('Family');
    expect(labelText('WhatsApp — Family 😀')).toBe('WhatsApp — Family 😀');
  });
});
