import { isConnError, Secret } from '@conn/setup-engine';
import { describe, expect, it } from 'vitest';
import { newId } from '../src/ids';
import { hashToken, newToken } from '../src/token-hash';

describe('newId', () => {
  it('is the prefix, an underscore and 22 URL-safe base62 characters', () => {
    expect(newId('con')).toMatch(/^con_[0-9A-Za-z]{22}$/);
    expect(newId('run_')).toMatch(/^run_[0-9A-Za-z]{22}$/);
  });

  it('does not repeat across 20,000 ids and uses the whole alphabet', () => {
    const ids = Array.from({ length: 20_000 }, () => newId('con'));
    expect(new Set(ids).size).toBe(ids.length);
    const seen = new Set(ids.flatMap((id) => [...id.slice(4)]));
    expect(seen.size).toBe(62);
  });

  it('refuses a prefix that would make ids ambiguous or unsafe in a URL', () => {
    for (const prefix of ['', 'Con', 'con/', 'c-n', '_con', 'averyveryverylongprefix']) {
      expect(() => newId(prefix)).toThrow();
      try {
        newId(prefix);
      } catch (error) {
        expect(isConnError(error, 'internal_error')).toBe(true);
      }
    }
  });
});

describe('tokens', () => {
  it('hashes to lowercase SHA-256 hex, the same for a string and its Secret', () => {
    expect(hashToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hashToken(new Secret('abc'))).toBe(hashToken('abc'));
    expect(hashToken('abd')).not.toBe(hashToken('abc'));
  });

  it('mints prefixed 256-bit tokens that stay out of JSON and string output', () => {
    const token = newToken('cct');
    expect(token).toBeInstanceOf(Secret);
    expect(token.reveal()).toMatch(/^cct_[0-9A-Za-z]{43}$/);
    expect(JSON.stringify({ token })).not.toContain(token.reveal());
    expect(`${token}`).not.toContain(token.reveal());
    const many = new Set(Array.from({ length: 5_000 }, () => newToken('cct').reveal()));
    expect(many.size).toBe(5_000);
  });
});
