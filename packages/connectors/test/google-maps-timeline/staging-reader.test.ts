import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTimelineStaging } from '../../src/google-maps-timeline/timeline-staging';
import { liveHeap } from './live-heap';

const lineCount = 160;

describe('readTimelineStaging', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conn-timeline-staging-reader-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads a staging only as fast as the import takes its lines', async () => {
    // 160 lines of about 64 KB (10 MB), as the validator stages them.
    const lines = Array.from({ length: lineCount }, (_, line) =>
      JSON.stringify(
        Array.from({ length: 280 }, (_, index) => ({
          stream: 'points',
          record: {
            key: `${line}-${index}`,
            time: '2024-01-01T00:00:00.000Z',
            note: 'x'.repeat(180),
          },
        })),
      ),
    );
    const path = join(dir, 'staged');
    await writeFile(
      path,
      `${lines.join('\n')}\n{"end":{"format":"takeout_records","skipped":0}}\n`,
    );
    const reader = readTimelineStaging(path, new AbortController().signal);
    const first = await reader.next();
    expect(first.value).toHaveLength(280);
    const before = liveHeap();
    // The import is busy with a batch: the file must not be read ahead meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(liveHeap() - before).toBeLessThan(2 * 1024 * 1024);
    let read = 1;
    for await (const items of reader) {
      expect(items).toHaveLength(280);
      read += 1;
    }
    expect(read).toBe(lineCount);
  });
});
