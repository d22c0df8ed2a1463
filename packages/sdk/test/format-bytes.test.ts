import { describe, expect, it } from 'vitest';
import { formatBytes } from '../src/index';

describe('formatBytes', () => {
  it('writes sizes as owners read them', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(200 * 1024 * 1024)).toBe('200 MB');
    expect(formatBytes(3 * 1024 ** 5)).toBe('3072 TB');
  });
});
