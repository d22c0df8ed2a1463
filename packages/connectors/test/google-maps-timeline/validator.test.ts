import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTimelineValidator } from '../../src/google-maps-timeline/validator';
import type { UploadedFile } from '../../src/implementation';
import { onDevice, onDeviceIos, takeoutRecords, takeoutSemantic } from './timeline-files';

const validate = (file: UploadedFile, now = new Date('2024-06-01T00:00:00Z')) =>
  createTimelineValidator({ now: () => now })({ ...file, signal: new AbortController().signal });

let scratch: string;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'conn-timeline-'));
});
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function stage(name: string, data: string | Buffer): Promise<UploadedFile> {
  const path = join(scratch, name);
  await writeFile(path, data);
  return { path, file_name: name };
}

describe('timelineValidator', () => {
  it('reports the Android on-device export', async () => {
    expect(await validate(onDevice)).toEqual({
      valid: true,
      format: 'timeline_on_device',
      counts: { visits: 2, activities: 1, points: 5 },
      date_range: { from: '2024-05-01T05:59:30.000Z', to: '2024-05-01T10:30:00.000Z' },
      empty: false,
      stale: false,
      suggested_label: 'Google Maps Timeline — 2024',
      remedy: null,
      details: { skipped: 1 },
    });
  });

  it('reports the iOS on-device export', async () => {
    expect(await validate(onDeviceIos)).toMatchObject({
      valid: true,
      format: 'timeline_on_device_ios',
      counts: { visits: 1, activities: 1, points: 2 },
      date_range: { from: '2023-08-14T16:00:00.000Z', to: '2023-08-14T18:00:00.000Z' },
      suggested_label: 'Google Maps Timeline — 2023',
    });
  });

  it('reports a Takeout semantic file, stale at a later date', async () => {
    expect(await validate(takeoutSemantic)).toMatchObject({
      valid: true,
      format: 'takeout_semantic',
      counts: { visits: 2, activities: 1, points: 1 },
      date_range: { from: '2019-01-05T10:00:00.000Z', to: '2019-01-05T13:40:00.000Z' },
      stale: true,
      suggested_label: 'Google Maps Timeline — 2019',
    });
  });

  it('reports Records.json and counts the location it cannot read', async () => {
    const report = await validate(takeoutRecords, new Date('2022-01-01T00:00:00Z'));
    expect(report).toMatchObject({
      valid: true,
      format: 'takeout_records',
      counts: { visits: 0, activities: 0, points: 3 },
      date_range: { from: '2021-07-04T12:00:00.000Z', to: '2021-07-04T12:10:00.000Z' },
      stale: false,
      details: { skipped: 1 },
    });
  });

  it('labels a multi-year export with its year span and marks an export without records empty', async () => {
    const span = await stage(
      'Records.json',
      JSON.stringify({
        locations: [
          { latitudeE7: 1, longitudeE7: 1, timestamp: '2019-02-01T00:00:00Z' },
          { latitudeE7: 2, longitudeE7: 2, timestamp: '2024-02-01T00:00:00Z' },
        ],
      }),
    );
    expect((await validate(span)).suggested_label).toBe('Google Maps Timeline — 2019–2024');
    const empty = await stage('Timeline.json', '{"semanticSegments": [], "rawSignals": []}');
    expect(await validate(empty)).toMatchObject({ valid: true, empty: true, date_range: null });
  });

  it('tells the owner what to upload instead of a Takeout index, a zip, settings or another JSON', async () => {
    const files = [
      await stage(
        'archive_browser.html',
        '<!DOCTYPE html><html><head><title>Takeout</title></head></html>',
      ),
      await stage('takeout-20240101.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])),
      await stage('Settings.json', '{"createdTime": "2015-01-01T00:00:00Z", "deviceSettings": []}'),
      await stage('Timeline Edits.json', '{"timelineEdits": []}'),
      await stage('data.json', '{"foo": 1, "semanticSegments": []}'),
      await stage('photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    ];
    const reports = [];
    for (const file of files) reports.push(await validate(file));
    for (const report of reports)
      expect(report).toMatchObject({
        valid: false,
        format: null,
        details: { reason: 'not_a_timeline_export' },
      });
    expect(reports[0]?.remedy).toBe(
      'This is a Google Takeout archive index (archive_browser.html), not your location data; upload the Timeline.json from your phone: Settings → Location → Location services → Timeline → Export Timeline data (on iPhone: Google Maps → your profile → Your Timeline → ⋯ → Location and privacy settings → Export Timeline data).',
    );
    expect(reports[1]?.remedy).toMatch(/^This is a compressed Takeout archive\. Unpack it/);
    expect(reports[2]?.remedy).toMatch(/^This is the Location History “Settings\.json”/);
    expect(reports[3]?.remedy).toMatch(/^This is “Timeline Edits\.json”/);
    expect(reports[4]?.remedy).toMatch(/^This JSON file is not a Google Maps Timeline export; /);
    expect(reports[4]?.details).toMatchObject({ first_key: 'foo' });
    expect(reports[5]?.remedy).toMatch(/^This is not a JSON file/);
  });

  it('reports damaged JSON as malformed', async () => {
    const cut = await stage(
      'Timeline.json',
      '{"semanticSegments": [{"startTime": "2024-05-01T08:00:00Z", "visit": {',
    );
    expect(await validate(cut)).toMatchObject({
      valid: false,
      format: 'timeline_on_device',
      details: { reason: 'malformed_json' },
    });
  });
});
