import { describe, expect, it } from 'vitest';
import { timelineImporter } from '../../src/google-maps-timeline/importer';
import type { CollectedRecord, UploadedFile, UploadImportInput } from '../../src/implementation';
import { onDevice, onDeviceIos, takeoutRecords, takeoutSemantic } from './timeline-files';

function sink(files: readonly UploadedFile[], signal = new AbortController().signal) {
  const emitted: { stream: string; records: readonly CollectedRecord[] }[] = [];
  const stages: string[] = [];
  const input: UploadImportInput = {
    files,
    signal,
    emit: async (stream, records) => {
      emitted.push({ stream, records: [...records] });
    },
    progress: (stage) => {
      stages.push(stage);
    },
    blobs: {
      put: async () => {
        throw new Error('A Timeline import stores no media.');
      },
    },
  };
  const records = (stream: string) =>
    emitted.filter((batch) => batch.stream === stream).flatMap((batch) => batch.records);
  return { input, records, stages };
}

describe('timelineImporter', () => {
  it('imports the Android on-device export into visits, activities and points', async () => {
    const { input, records, stages } = sink([onDevice]);
    const result = await timelineImporter(input);
    expect(result).toEqual({
      counts: { visits: 2, activities: 1, points: 5 },
      provenance: {
        format: 'timeline_on_device',
        acquisition: 'on_device_export',
        coverage: { from: '2024-05-01T05:59:30.000Z', to: '2024-05-01T10:30:00.000Z' },
      },
    });
    expect(records('visits')[0]).toEqual({
      id: 'visit/2024-05-01T06:00:00.000Z/ChIJD7fiBh9u5kcRYJSMaMOCCwQ',
      start_time: '2024-05-01T06:00:00.000Z',
      end_time: '2024-05-01T07:10:00.000Z',
      utc_offset_minutes: 120,
      place_id: 'ChIJD7fiBh9u5kcRYJSMaMOCCwQ',
      name: null,
      address: null,
      semantic_type: 'HOME',
      latitude: 48.8583701,
      longitude: 2.2944813,
      probability: 0.92,
      source_format: 'timeline_on_device',
    });
    expect(records('activities')).toEqual([
      expect.objectContaining({
        id: 'activity/2024-05-01T07:10:00.000Z/WALKING',
        activity_type: 'WALKING',
        distance_meters: 3412.7,
        start_latitude: 48.8583701,
        end_longitude: 2.337644,
      }),
    ]);
    expect(records('points').map((point) => point.id)).toEqual([
      'point/2024-05-01T07:12:00.000Z/48.8583701,2.2944813',
      'point/2024-05-01T07:25:00.000Z/48.8594000,2.3100000',
      'point/2024-05-01T07:39:00.000Z/48.8606111,2.3376440',
      'point/2024-05-01T05:59:30.000Z/48.8583000,2.2945000',
      'point/2024-05-01T07:41:00.000Z/48.8606000,2.3376000',
    ]);
    expect(records('points')[3]).toMatchObject({
      accuracy_meters: 13,
      altitude_meters: 35.2,
      source: 'WIFI',
    });
    expect(stages).toEqual(['reading', 'records']);
  });

  it('reads the iOS layout: geo: positions, string numbers, path minutes after the start', async () => {
    const { input, records } = sink([onDeviceIos]);
    await timelineImporter(input);
    expect(records('visits')[0]).toMatchObject({
      place_id: 'ChIJ7cv00DwsDogRAMDACa2m4K8',
      latitude: 37.422,
      longitude: -122.084,
      probability: 0.95,
      utc_offset_minutes: -420,
      source_format: 'timeline_on_device_ios',
    });
    expect(records('activities')[0]).toMatchObject({
      activity_type: 'IN_PASSENGER_VEHICLE',
      distance_meters: 8521,
    });
    expect(records('points').map((point) => point.time)).toEqual([
      '2023-08-14T17:30:00.000Z',
      '2023-08-14T18:00:00.000Z',
    ]);
  });

  it('imports Takeout files together and says they came from Takeout', async () => {
    const { input, records } = sink([takeoutSemantic, takeoutRecords]);
    const result = await timelineImporter(input);
    expect(result.counts).toEqual({ visits: 2, activities: 1, points: 4 });
    expect(result.provenance).toEqual({
      format: 'takeout_semantic+takeout_records',
      acquisition: 'takeout',
      coverage: { from: '2019-01-05T10:00:00.000Z', to: '2021-07-04T12:10:00.000Z' },
    });
    expect(
      records('visits').map((visit) => [visit.name, visit.start_time, visit.end_time]),
    ).toEqual([
      ['Big Ben', '2019-01-05T10:00:00.000Z', '2019-01-05T11:15:30.123Z'],
      ['Buckingham Palace', '2019-01-05T11:40:00.000Z', '2019-01-05T13:40:00.000Z'],
    ]);
    expect(records('visits')[0]).toMatchObject({ latitude: 51.5007292, longitude: -0.1246254 });
    // An E7 longitude Google wrote past 2^31 is read as the negative number it means.
    expect(records('points').at(-1)).toMatchObject({ latitude: 40.713, longitude: -74.006 });
  });

  it('gives the same keys to the same files imported twice', async () => {
    const files = [onDevice, onDeviceIos, takeoutSemantic, takeoutRecords];
    const first = sink(files);
    const second = sink(files);
    await timelineImporter(first.input);
    await timelineImporter(second.input);
    for (const stream of ['visits', 'activities', 'points']) {
      const keys = first.records(stream).map((record) => record.id);
      expect(keys.length).toBeGreaterThan(0);
      expect(new Set(keys).size).toBe(keys.length);
      expect(second.records(stream).map((record) => record.id)).toEqual(keys);
    }
  });

  it('stops with the abort reason when the import is cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled by owner'));
    const { input } = sink([onDevice], controller.signal);
    await expect(timelineImporter(input)).rejects.toThrow('cancelled by owner');
  });
});
