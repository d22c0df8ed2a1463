import { describe, expect, it } from 'vitest';
import { nextPageUrl } from '../../src/github/next-page-url';
import { ProviderError } from '../../src/provider-error';

const api = 'https://ghe.example.com/api/v3';
const current = `${api}/user/repos?per_page=100`;

describe('nextPageUrl', () => {
  it('returns the next link as GitHub gave it', () => {
    const link = `<${api}/user/repos?per_page=100&page=2>; rel="next", <${api}/user/repos?per_page=100&page=9>; rel="last"`;
    expect(nextPageUrl(link, api, current)).toBe(`${api}/user/repos?per_page=100&page=2`);
  });

  it('finds next wherever it sits in the header', () => {
    const link = `<${api}/user/repos?page=1>; rel="prev", <${api}/user/repos?page=3>; rel="next"`;
    expect(nextPageUrl(link, api, current)).toBe(`${api}/user/repos?page=3`);
  });

  it('returns null on the last page', () => {
    expect(nextPageUrl(null, api, current)).toBeNull();
    expect(nextPageUrl(`<${api}/user/repos?page=1>; rel="first"`, api, current)).toBeNull();
  });

  it('refuses a next link on another origin', () => {
    const link = '<https://elsewhere.example/user/repos?page=2>; rel="next"';
    expect(() => nextPageUrl(link, api, current)).toThrow(ProviderError);
    expect(() => nextPageUrl(link, api, current)).toThrow(/elsewhere\.example/);
  });
});
