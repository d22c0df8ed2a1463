import { isConnError, Secret } from '@conn/setup-engine';
import { describe, expect, it, vi } from 'vitest';
import { newId } from '../src/ids';
import { hashToken, newToken } from '../src/token-hash';

describe('newId', () => {
  it('is the prefix, an underscore and 22 URL-safe base62 characters', () => {
    expect(newId('con')).toMatch(/^con_[0-9A-Za-z]{22}$/);
    expect(newId('run_')).toMatch(/^run_[0-9A-Za-z]{22}$/);
  });

  it('does not repeat across 20,000 ids and draws its random part from the whole alphabet', () => {
    const ids = Array.from({ length: 20_000 }, () => newId('con'));
    expect(new Set(ids).size).toBe(ids.length);
    const seen = new Set(ids.flatMap((id) => [...id.slice(12)]));
    expect(seen.size).toBe(62);
  });

  it('sorts by creation: the creation millisecond comes first, in base62', () => {
    const before = newId('con');
    const later = Array.from({ length: 50 }, () => newId('con'));
    vi.useFakeTimers({ now: Date.now() + 1000, toFake: ['Date'] });
    try {
      const next = newId('con');
      for (const id of [before, ...later]) expect(id < next).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    vi.useFakeTimers({ now: new Date('2026-12-04T00:00:00.000Z'), toFake: ['Date'] });
    try {
      // 1,796,342,400,000 ms in base62 is 'Vcmre08' (seven digits), padded to eight.
      expect(newId('run').slice(4, 12)).toBe('0Vcmre08');
      // Fourteen characters stay random within one millisecond.
      expect(new Set(Array.from({ length: 1000 }, () => newId('run').slice(12))).size).toBe(1000);
    } finally {
      vi.useRealTimers();
    }
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
