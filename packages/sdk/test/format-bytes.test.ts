import { describe, expect, it } from 'vitest';
import { formatBytes } from '../src/index';

describe('formatBytes', () => {
  it('writes sizes as owners read them', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(706)).toBe('706 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(200 * 1024 * 1024)).toBe('200 MiB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 GiB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GiB');
  });
});
