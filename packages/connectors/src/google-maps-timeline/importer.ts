import { ConnError } from '@conn/setup-engine';
import { BatchingEmitter, importBatchSize } from '../batching-emitter';
import { DateRangeTracker } from '../date-range-tracker';
import type { ImportProvenance, StagedFile, UploadImporter } from '../implementation';
import { sniffFileKind } from '../sniff-file-kind';
import type { TimelineFormat } from './timeline-format';
import { timelineAcquisition } from './timeline-format';
import { TimelineReader } from './timeline-reader';
import type { TimelineItem } from './timeline-record';
import { timelineRemedy } from './timeline-remedy';
import { readTimelineStaging, timelineStagingEnd } from './timeline-staging';

/** One file's records, and what was learnt of it once they are all read. */
interface TimelineFileRead {
  batches: AsyncIterable<readonly TimelineItem[]>;
  summary(): { format: TimelineFormat; skipped: number };
}

/**
 * The records of one file: from its validator's finished staging when there
 * is one (parsed once, at upload), else from the export itself.
 */
async function readTimelineFile(file: StagedFile, signal: AbortSignal): Promise<TimelineFileRead> {
  const end = file.staged === undefined ? null : await timelineStagingEnd(file.staged);
  if (file.staged !== undefined && end !== null) {
    return { batches: readTimelineStaging(file.staged, signal), summary: () => end };
  }
  const kind = await sniffFileKind(file.path);
  if (kind !== 'json')
    throw new ConnError('artifact_invalid', timelineRemedy(kind, null), {
      reason: 'not_a_timeline_export',
      file_name: file.file_name,
    });
  const reader = new TimelineReader(file.path, signal);
  return {
    batches: reader.batches(),
    summary: () => {
      if (reader.format === null)
        throw new ConnError('artifact_invalid', timelineRemedy('json', reader.firstKey), {
          reason: 'not_a_timeline_export',
          file_name: file.file_name,
        });
      return { format: reader.format, skipped: reader.skipped };
    },
  };
}

/** How often, in records, the importer reports progress. */
const progressEvery = 10_000;

/**
 * Imports Google Maps Timeline exports — the phone's Timeline.json (Android
 * or iOS layout), Takeout's monthly Semantic Location History files and
 * Records.json — into `visits`, `activities` and `points`, streaming each
 * file (see `TimelineReader`) and emitting in batches, so a 500 MB export is
 * imported in the memory of a few batches. A file whose validator staged
 * its records (`file.staged`, finished) is read from there instead, so the
 * export is parsed once. Keys come from start time + place
 * id, start time + activity type, and time + position, all in UTC, so a
 * re-import (or the same stay in two formats) upserts. Progress stages:
 * `reading` as each file starts, `records` every 10,000 records.
 *
 * Returns the provenance: the detected format(s), the acquisition method of
 * the first file (`on_device_export` or `takeout`) and the period covered.
 * Rejects with `artifact_invalid` (`details.reason`) for a file that is no
 * Timeline export or damaged JSON, and with the signal's reason when cancelled.
 *
 * @example
 * const { counts, provenance } = await timelineImporter({ files, signal, blobs, emit, progress });
 * provenance?.acquisition; // 'on_device_export'
 */
export const timelineImporter: UploadImporter = async (input) => {
  const batches = new BatchingEmitter(input, importBatchSize, 'all').declare(
    'visits',
    'activities',
    'points',
  );
  const formats: string[] = [];
  let acquisition: ImportProvenance['acquisition'] | null = null;
  const coverage = new DateRangeTracker();
  let skipped = 0;
  let added = 0;
  for (const file of input.files) {
    input.signal.throwIfAborted();
    input.progress('reading', { ...batches.counts(), skipped });
    const read = await readTimelineFile(file, input.signal);
    for await (const items of read.batches) {
      for (const item of items) {
        await batches.add(item.stream, item.record);
        if (item.stream === 'points') coverage.observe(item.record.time);
        else {
          coverage.observe(item.record.start_time);
          coverage.observe(item.record.end_time);
        }
        added += 1;
        if (added % progressEvery === 0)
          input.progress('records', { ...batches.counts(), skipped });
      }
    }
    const { format, skipped: unreadable } = read.summary();
    skipped += unreadable;
    if (!formats.includes(format)) formats.push(format);
    acquisition ??= timelineAcquisition(format);
  }
  await batches.flush();
  input.progress('records', { ...batches.counts(), skipped });
  return {
    counts: batches.counts(),
    provenance: {
      format: formats.join('+'),
      acquisition: acquisition ?? 'on_device_export',
      coverage: coverage.range(),
    },
  };
};
