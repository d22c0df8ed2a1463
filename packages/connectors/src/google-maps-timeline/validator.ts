import { isConnError } from '@conn/setup-engine';
import { DateRangeTracker } from '../date-range-tracker';
import type { UploadValidator } from '../implementation';
import { invalidUploadReport } from '../invalid-upload-report';
import { isStaleExport } from '../is-stale-export';
import { sniffFileKind } from '../sniff-file-kind';
import { timelineLabel } from './timeline-label';
import { TimelineReader } from './timeline-reader';
import type { TimelineItem } from './timeline-record';
import { timelineRemedy } from './timeline-remedy';
import { TimelineStagingWriter } from './timeline-staging';

/** The times a record spans, for the date range. */
function timesOf(item: TimelineItem): (string | null)[] {
  return item.stream === 'points'
    ? [item.record.time]
    : [item.record.start_time, item.record.end_time];
}

/**
 * Builds the Google Maps Timeline upload validator. It streams the whole file
 * (constant memory, see `TimelineReader`) and reports the format
 * (`timeline_on_device`, `timeline_on_device_ios`, `takeout_semantic`,
 * `takeout_records`), counts per stream, the UTC date range, empty and stale
 * (newest record over two years old), the label
 * `Google Maps Timeline — <years>`, and elements skipped as unreadable in
 * `details`. Anything else — a Takeout index page, a zip, settings JSON, a
 * photo, damaged JSON — gets `valid: false` and a remedy. Given a `staging`
 * path, it writes every record it read there (`TimelineStagingWriter`) for
 * the importer to read back instead of parsing the export a second time.
 *
 * @example
 * const report = await createTimelineValidator()({ path, file_name: 'Timeline.json', signal });
 * report.format; // 'timeline_on_device'
 */
export function createTimelineValidator(options: { now?: () => Date } = {}): UploadValidator {
  const now = options.now ?? (() => new Date());
  return async ({ path, signal, staging: stagingPath }) => {
    const kind = await sniffFileKind(path);
    if (kind !== 'json')
      return {
        ...invalidUploadReport(timelineRemedy(kind, null), { reason: 'not_a_timeline_export' }),
        empty: kind === 'empty',
      };
    const reader = new TimelineReader(path, signal);
    const counts = { visits: 0, activities: 0, points: 0 };
    const range = new DateRangeTracker();
    // The records read here are staged for the import, so the export is parsed once.
    const staging = stagingPath === undefined ? null : new TimelineStagingWriter(stagingPath);
    try {
      for await (const items of reader.batches()) {
        for (const item of items) {
          counts[item.stream] += 1;
          for (const time of timesOf(item)) range.observe(time);
        }
        await staging?.add(items);
      }
    } catch (error) {
      staging?.abandon();
      if (!isConnError(error, 'artifact_invalid')) throw error;
      return invalidUploadReport(
        `${error.message} Export the Timeline again and upload the new file unchanged.`,
        { reason: 'malformed_json' },
        reader.format,
      );
    }
    if (reader.format === null) {
      staging?.abandon();
      return invalidUploadReport(timelineRemedy('json', reader.firstKey), {
        reason: 'not_a_timeline_export',
        first_key: reader.firstKey,
      });
    }
    await staging?.finish({ format: reader.format, skipped: reader.skipped });
    const dateRange = range.range();
    const total = counts.visits + counts.activities + counts.points;
    return {
      valid: true,
      format: reader.format,
      counts,
      date_range: dateRange,
      empty: total === 0,
      stale: dateRange !== null && isStaleExport(dateRange.to, now()),
      suggested_label: timelineLabel(dateRange),
      remedy: null,
      details: { skipped: reader.skipped },
    };
  };
}

/**
 * The Google Maps Timeline upload validator.
 *
 * @example
 * const report = await timelineValidator({ path, file_name, signal });
 */
export const timelineValidator: UploadValidator = createTimelineValidator();
