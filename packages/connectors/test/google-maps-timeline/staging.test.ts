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
  const result = await timelineImporter({
    files,
    signal: new AbortController().signal,
    emit: async (stream, records) => {
      for (const record of records) emitted.push({ stream, record });
    },
    progress: () => {},
    blobs: {
      put: async () => {
        throw new Error('A Timeline import stores no media.');
      },
    },
  });
  return { result, emitted };
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
