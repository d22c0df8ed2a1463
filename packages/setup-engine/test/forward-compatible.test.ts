import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { forwardCompatible, SetupStatusSchema, unknownValue } from '../src/index';

const Shape = z.strictObject({
  state: z.enum(['on', 'off']),
  tag: z.literal('v1'),
  only: z.enum(['one']),
  items: z.array(z.strictObject({ kind: z.enum(['a', 'b']) })),
  maybe: z.enum(['x', 'y']).nullable(),
  later: z.strictObject({ at: z.string() }).optional(),
  byPlatform: z.partialRecord(z.enum(['linux', 'macos']), z.string()),
  variant: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('plain'), text: z.string() }),
    z.strictObject({ type: z.literal('rich'), level: z.enum(['low', 'high']) }),
  ]),
});

const valid = {
  state: 'on',
  tag: 'v1',
  only: 'one',
  items: [{ kind: 'a' }],
  maybe: null,
  byPlatform: { linux: '~/.logs' },
  variant: { type: 'rich', level: 'low' },
} as const;

describe('forwardCompatible', () => {
  it('reads what the strict schema reads, unchanged', () => {
    expect(forwardCompatible(Shape).parse(valid)).toEqual(Shape.parse(valid));
  });

  it('drops fields it does not know, at every depth, where the strict schema refuses them', () => {
    const later = {
      ...valid,
      added: true,
      items: [{ kind: 'b', weight: 3 }],
      variant: { type: 'plain', text: 'hi', color: 'red' },
    };
    expect(Shape.safeParse(later).success).toBe(false);
    expect(forwardCompatible(Shape).parse(later)).toEqual({
      ...valid,
      items: [{ kind: 'b' }],
      variant: { type: 'plain', text: 'hi' },
    });
  });

  it("reads enum values it does not know as 'unknown', and new record keys as they come", () => {
    const later = {
      ...valid,
      state: 'standby',
      items: [{ kind: 'c' }],
      maybe: 'z',
      byPlatform: { linux: '~/.logs', freebsd: '~/.logs' },
      variant: { type: 'rich', level: 'extreme' },
    };
    expect(forwardCompatible(Shape).parse(later)).toMatchObject({
      state: unknownValue,
      items: [{ kind: unknownValue }],
      maybe: unknownValue,
      byPlatform: { linux: '~/.logs', freebsd: '~/.logs' },
      variant: { type: 'rich', level: unknownValue },
    });
  });

  it('keeps literals, one-value enums and wrong types strict: those are not newer values', () => {
    const reading = forwardCompatible(Shape);
    expect(reading.safeParse({ ...valid, tag: 'v2' }).success).toBe(false);
    expect(reading.safeParse({ ...valid, only: 'two' }).success).toBe(false);
    expect(reading.safeParse({ ...valid, state: 7 }).success).toBe(false);
    expect(reading.safeParse({ ...valid, variant: { type: 'video' } }).success).toBe(false);
  });

  it('derives one reading per schema', () => {
    expect(forwardCompatible(SetupStatusSchema)).toBe(forwardCompatible(SetupStatusSchema));
  });
});
