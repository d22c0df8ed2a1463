import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBatchSize } from '../../src/batching-emitter';
import { timelineImporter } from '../../src/google-maps-timeline/importer';
import { liveHeap } from './live-heap';

const targetBytes = 60 * 1024 * 1024;

let scratch: string;
let path: string;
let segments = 0;

/** Writes an on-device Timeline.json of about `targetBytes`: visits, walks and 10-point paths in turn. */
async function writeLargeExport(file: string): Promise<void> {
  const out = createWriteStream(file);
  let written = 0;
  let chunk = '{\n  "semanticSegments": [\n';
  let time = Date.parse('2022-01-01T08:00:00Z');
  const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
  while (written + chunk.length < targetBytes) {
    const start = iso(time);
    const end = iso(time + 3_600_000);
    const kind = segments % 3;
    const segment =
      kind === 0
        ? {
            startTime: start,
            endTime: end,
            visit: {
              hierarchyLevel: 0,
              probability: 0.9,
              topCandidate: {
                placeId: `ChIJplace${segments}`,
                semanticType: 'UNKNOWN',
                probability: 0.8,
                placeLocation: { latLng: '48.8583701°, 2.2944813°' },
              },
            },
          }
        : kind === 1
          ? {
              startTime: start,
              endTime: end,
              activity: {
                start: { latLng: '48.8583701°, 2.2944813°' },
                end: { latLng: '48.8606111°, 2.3376440°' },
                distanceMeters: 3412.7,
                probability: 0.9,
                topCandidate: { type: 'WALKING', probability: 0.8 },
              },
            }
          : {
              startTime: start,
              endTime: end,
              timelinePath: Array.from({ length: 10 }, (_, index) => ({
                point: `48.85${String(index).padStart(5, '0')}°, 2.29${String(segments % 99_999).padStart(5, '0')}°`,
                time: iso(time + index * 60_000),
              })),
            };
    chunk += `${segments === 0 ? '' : ',\n'}    ${JSON.stringify(segment)}`;
    segments += 1;
    time += 3_600_000;
    if (chunk.length > 1024 * 1024) {
      written += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(`${chunk}\n  ],\n  "rawSignals": [],\n  "userLocationProfile": {}\n}\n`);
  await once(out, 'finish');
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'conn-timeline-large-'));
  path = join(scratch, 'Timeline.json');
  await writeLargeExport(path);
}, 60_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('timelineImporter on a large export', () => {
  it('imports a ~60 MB Timeline.json with the live heap growing by far less than the file', async () => {
    expect((await stat(path)).size).toBeGreaterThan(55 * 1024 * 1024);
    const baseline = liveHeap();
    let peak = baseline;
    let emitted = 0;
    let batches = 0;
    let visitBatches = 0;
    const result = await timelineImporter({
      files: [{ path, file_name: 'Timeline.json' }],
      signal: new AbortController().signal,
      // The sink keeps nothing, as the server writes records away: only the importer's own memory counts.
      emit: async (stream, records) => {
        if (stream === 'visits') visitBatches += 1;
        emitted += records.length;
        batches += 1;
        if (batches % 100 === 0) peak = Math.max(peak, liveHeap());
      },
      progress: () => {},
      blobs: {
        put: async () => {
          throw new Error('A Timeline import stores no media.');
        },
      },
    });
    const visits = Math.ceil(segments / 3);
    const activities = Math.ceil((segments - 1) / 3);
    const paths = Math.floor(segments / 3);
    expect(result.counts).toEqual({ visits, activities, points: paths * 10 });
    expect(emitted).toBe(visits + activities + paths * 10);
    expect(peak - baseline).toBeLessThan(100 * 1024 * 1024);
    // Visits (one record in twelve here) go out with every batch the importer emits, not once
    // thousands of their own have gathered: held that long, records outlive V8's young generation.
    expect(visitBatches).toBeGreaterThanOrEqual(Math.floor(emitted / importBatchSize));
  }, 60_000);
});
