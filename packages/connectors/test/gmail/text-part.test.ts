import { describe, expect, it } from 'vitest';
import { decodeTextPart, maxTextBytes, textPartOf } from '../../src/gmail/text-part';

describe('textPartOf', () => {
  it('finds the first inline text/plain part, not one inside a forwarded message or an attachment', () => {
    expect(
      textPartOf({
        type: 'multipart/mixed',
        childNodes: [
          { type: 'message/rfc822', part: '1', childNodes: [{ type: 'text/plain', part: '1.1' }] },
          { type: 'text/plain', part: '2', disposition: 'attachment' },
          { type: 'text/plain', part: '3', encoding: 'BASE64', parameters: { charset: 'utf-8' } },
        ],
      }),
    ).toEqual({ part: '3', encoding: 'base64', charset: 'utf-8' });
    expect(textPartOf({ type: 'text/html', part: '1' })).toBeNull();
    expect(textPartOf({ type: 'text/plain' })).toEqual({
      part: '1',
      encoding: '7bit',
      charset: 'utf-8',
    });
  });
});

describe('decodeTextPart', () => {
  it('cuts a base64 part longer than the limit on a whole group, and says so', () => {
    const encoded = Buffer.from('ü'.repeat(maxTextBytes), 'utf8').toString('base64');
    const raw = Buffer.from(encoded.slice(0, maxTextBytes + 1), 'latin1');
    const part = decodeTextPart(raw, { part: '1', encoding: 'base64', charset: 'utf-8' });
    expect(part.truncated).toBe(true);
    expect(part.text).toMatch(/^ü+$/);
  });

  it('reads an unknown charset as UTF-8 rather than failing the run', () => {
    const part = decodeTextPart(Buffer.from('plain words'), {
      part: '1',
      encoding: '8bit',
      charset: 'x-unknown-charset',
    });
    expect(part).toEqual({ text: 'plain words', truncated: false });
  });
});
