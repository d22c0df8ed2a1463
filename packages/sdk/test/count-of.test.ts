import { describe, expect, it } from 'vitest';
import { countOf } from '../src/index';

describe('countOf', () => {
  it('puts the noun in the number the count needs', () => {
    expect(countOf(1, 'records')).toBe('1 record');
    expect(countOf(0, 'records')).toBe('0 records');
    expect(countOf(1, 'activities')).toBe('1 activity');
    expect(countOf(1, 'chats')).toBe('1 chat');
    expect(countOf(1, 'matches')).toBe('1 match');
    expect(countOf(1204, 'place_visits')).toBe('1,204 place visits');
    expect(countOf(1, 'place_visits')).toBe('1 place visit');
  });
});
