import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { timelineImporter } from '../../src/google-maps-timeline/importer';
import { timelineStagingEnd } from '../../src/google-maps-timeline/timeline-staging';
import { timelineValidator } from '../../src/google-maps-timeline/validator';
import type { CollectedRecord, StagedFile } from '../../src/implementation';
import { onDevice, onDeviceIos, takeoutRecords, takeoutSemantic } from './timeline-files';

async function importAll(files: readonly StagedFile[]) {
  const emitted: Array<{ stream: string; record: CollectedRecord }> = [];
  const batches: number[] = [];
  const result = await timelineImporter({
    files,
    signal: new AbortController().signal,
    emit: async (stream, records) => {
      batches.push(records.length);
      for (const record of records) emitted.push({ stream, record });
    },
    progress: () => {},
    blobs: {
      put: async () => {
        throw new Error('A Timeline import stores no media.');
      },
    },
  });
  return { result, emitted, batches };
}

describe('Timeline staging: the export is parsed once, at validation', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conn-timeline-staging-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ['Android', onDevice],
    ['iOS', onDeviceIos],
    ['Takeout monthly', takeoutSemantic],
    ['Records.json', takeoutRecords],
  ])('imports the same records from a %s staging as from the file', async (_name, file) => {
    const staging = join(dir, 'staged');
    const report = await timelineValidator({
      ...file,
      signal: new AbortController().signal,
      staging,
    });
    expect(report.valid).toBe(true);
    expect(await timelineStagingEnd(staging)).toEqual({
      format: report.format,
      skipped: report.details?.skipped,
    });
    const fromFile = await importAll([file]);
    const fromStaging = await importAll([{ ...file, staged: staging }]);
    expect(fromStaging).toEqual(fromFile);
    expect(fromStaging.result.counts).toEqual(report.counts);
  });

  it('reads a finished staging instead of the export', async () => {
    const staging = join(dir, 'staged');
    await timelineValidator({ ...onDevice, signal: new AbortController().signal, staging });
    // The export is gone: only the staging can give the records.
    const gone = {
      path: join(dir, 'no-such-file.json'),
      file_name: 'Timeline.json',
      staged: staging,
    };
    const { result } = await importAll([gone]);
    expect(result.counts).toEqual({ visits: 2, activities: 1, points: 5 });
  });

  it('stages a large export in lines of about 64 KB and reads every record back in order', async () => {
    const staging = join(dir, 'staged');
    const big = join(dir, 'Records.json');
    const locations = Array.from({ length: 2_500 }, (_, i) => ({
      latitudeE7: 407_127_750 + i,
      longitudeE7: -740_059_730,
      timestamp: new Date(Date.UTC(2021, 6, 4) + i * 60_000).toISOString(),
    }));
    await writeFile(big, JSON.stringify({ locations }));
    const file = { path: big, file_name: 'Records.json' };
    const report = await timelineValidator({
      ...file,
      signal: new AbortController().signal,
      staging,
    });
    expect(report.counts).toEqual({ visits: 0, activities: 0, points: 2_500 });
    const lines = (await readFile(staging, 'utf8')).trimEnd().split('\n');
    const end = lines.pop();
    expect(JSON.parse(end ?? '')).toEqual({ end: { format: 'takeout_records', skipped: 0 } });
    const sizes = lines.map((line) => (JSON.parse(line) as unknown[]).length);
    expect(sizes.length).toBeGreaterThan(2);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(2_500);
    // Each line closes once it passes 64 KB: it stays well under V8's large-object size.
    for (const line of lines) expect(line.length).toBeLessThan(64 * 1024 + 1_000);
    const fromStaging = await importAll([{ ...file, staged: staging }]);
    expect(fromStaging).toEqual(await importAll([file]));
    // Inside the server an import holds up to 4,000 records across streams, not a collector-sized 500.
    expect(fromStaging.batches).toEqual([2_500]);
  });

  it('reads a staging written one record per line (before records were staged many to a line)', async () => {
    const staging = join(dir, 'staged');
    await timelineValidator({ ...onDevice, signal: new AbortController().signal, staging });
    const [records, end] = (await readFile(staging, 'utf8')).trimEnd().split('\n');
    const oneEach = (JSON.parse(records ?? '[]') as unknown[]).map((item) => JSON.stringify(item));
    await writeFile(staging, `${[...oneEach, end].join('\n')}\n`);
    const gone = {
      path: join(dir, 'no-such-file.json'),
      file_name: 'Timeline.json',
      staged: staging,
    };
    const fromOldStaging = await importAll([gone]);
    expect(fromOldStaging).toEqual(await importAll([onDevice]));
  });

  it('reads the export again when the staging was cut off', async () => {
    const staging = join(dir, 'staged');
    await timelineValidator({ ...onDevice, signal: new AbortController().signal, staging });
    const whole = await readFile(staging, 'utf8');
    await truncate(staging, whole.indexOf('\n') + 1);
    expect(await timelineStagingEnd(staging)).toBeNull();
    const { result } = await importAll([{ ...onDevice, staged: staging }]);
    expect(result.counts).toEqual({ visits: 2, activities: 1, points: 5 });
  });

  it('leaves a staging unfinished for a file that is not a Timeline export', async () => {
    const staging = join(dir, 'staged');
    const notTimeline = join(dir, 'settings.json');
    await writeFile(notTimeline, JSON.stringify({ theme: 'dark', items: [1, 2, 3] }));
    const report = await timelineValidator({
      path: notTimeline,
      file_name: 'settings.json',
      signal: new AbortController().signal,
      staging,
    });
    expect(report.valid).toBe(false);
    expect(await timelineStagingEnd(staging)).toBeNull();
  });
});
