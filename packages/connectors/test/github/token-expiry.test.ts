import { describe, expect, it } from 'vitest';
import { githubTokenExpiry, tokenExpiryHeader } from '../../src/github/token-expiry';

const expiry = (value?: string) =>
  githubTokenExpiry(new Headers(value === undefined ? {} : { [tokenExpiryHeader]: value }));

describe('githubTokenExpiry', () => {
  it('reads the header in UTC or with a numeric offset, as an ISO time in UTC', () => {
    expect(expiry('2026-12-10 09:14:00 UTC')).toBe('2026-12-10T09:14:00.000Z');
    expect(expiry('2026-12-10 09:14:00 -0800')).toBe('2026-12-10T17:14:00.000Z');
    expect(expiry('2026-12-10 09:14:00 +05:30')).toBe('2026-12-10T03:44:00.000Z');
  });

  it('is null without the header (a token that does not expire) or with one it cannot read', () => {
    expect(expiry()).toBeNull();
    expect(expiry('next Tuesday')).toBeNull();
    expect(expiry('2026-13-45 99:99:99 UTC')).toBeNull();
  });
});
