import { describe, expect, it } from 'vitest';
import { describeMoment } from '../src/index';

describe('describeMoment', () => {
  const now = new Date(2026, 11, 2, 0, 36, 0);
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

  it('says how far a moment is, with the local clock time', () => {
    expect(describeMoment(at(14), now)).toBe('in 14 minutes (00:50)');
    expect(describeMoment(at(-3), now)).toBe('3 minutes ago (00:33)');
    expect(describeMoment(at(0), now)).toBe('now (00:36)');
  });

  it('adds the date when the moment is not today', () => {
    expect(describeMoment(at(-3 * 24 * 60), now)).toBe('3 days ago (29 Nov, 00:36)');
    expect(describeMoment(at(-60), now)).toBe('1 hour ago (1 Dec, 23:36)');
  });

  it('never shows an ISO timestamp for a valid moment', () => {
    expect(describeMoment(at(90), now)).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });
});
