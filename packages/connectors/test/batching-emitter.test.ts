import { describe, expect, it } from 'vitest';
import { BatchingEmitter } from '../src/batching-emitter';
import type { CollectedRecord } from '../src/implementation';

/** A sink that keeps each emit as `stream:size`, in order. */
function recordingSink() {
  const emits: string[] = [];
  return {
    emits,
    emit: async (stream: string, records: readonly CollectedRecord[]) => {
      emits.push(`${stream}:${records.length}`);
    },
  };
}

/** Adds records to streams in the repeating pattern given (one visit, one activity, six points). */
async function addPattern(batches: BatchingEmitter, rounds: number) {
  for (let round = 0; round < rounds; round += 1) {
    await batches.add('visits', { id: `v${round}` });
    await batches.add('activities', { id: `a${round}` });
    for (let point = 0; point < 6; point += 1)
      await batches.add('points', { id: `p${round}-${point}` });
  }
}

describe('BatchingEmitter', () => {
  it("bounds each stream's batch on its own by default: a rare stream waits for its own full batch", async () => {
    const sink = recordingSink();
    const batches = new BatchingEmitter(sink, 6);
    await addPattern(batches, 6);
    // 36 points fill six batches; six visits and six activities fill one each, at the end.
    expect(sink.emits).toEqual([
      'points:6',
      'points:6',
      'points:6',
      'points:6',
      'points:6',
      'visits:6',
      'activities:6',
      'points:6',
    ]);
    await batches.flush();
    expect(sink.emits).toHaveLength(8);
    expect(batches.counts()).toEqual({ visits: 6, activities: 6, points: 36 });
  });

  it("with bound 'all' emits every stream once the records held across them reach the size", async () => {
    const sink = recordingSink();
    const batches = new BatchingEmitter(sink, 8, 'all').declare('visits', 'activities', 'points');
    await addPattern(batches, 3);
    await batches.add('visits', { id: 'last' });
    expect(sink.emits).toEqual([
      'visits:1',
      'activities:1',
      'points:6',
      'visits:1',
      'activities:1',
      'points:6',
      'visits:1',
      'activities:1',
      'points:6',
    ]);
    await batches.flush();
    expect(sink.emits.at(-1)).toBe('visits:1');
    expect(batches.counts()).toEqual({ visits: 4, activities: 3, points: 18 });
  });

  it('refuses a size under one record', () => {
    expect(() => new BatchingEmitter(recordingSink(), 0)).toThrow(RangeError);
  });
});
