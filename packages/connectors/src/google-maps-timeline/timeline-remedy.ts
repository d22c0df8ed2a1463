import type { FileKind } from '../sniff-file-kind';

const phoneExport =
  'upload the Timeline.json from your phone: Settings → Location → Location services → Timeline → Export Timeline data (on iPhone: Google Maps → your profile → Your Timeline → ⋯ → Location and privacy settings → Export Timeline data)';

/**
 * The owner-facing remedy for a file that is no Timeline export, chosen from
 * what the file is (its first bytes) and, for JSON, its first top-level key.
 * Null when nothing more specific than the generic advice applies.
 *
 * @example
 * timelineRemedy('html', null); // 'This is a Google Takeout archive index; upload the Timeline.json …'
 */
export function timelineRemedy(kind: FileKind, firstKey: string | null): string {
  switch (kind) {
    case 'html':
      return `This is a Google Takeout archive index (archive_browser.html), not your location data; ${phoneExport}.`;
    case 'zip':
    case 'gzip':
      return 'This is a compressed Takeout archive. Unpack it and upload Records.json or the monthly files in “Location History/Semantic Location History” — or, if your Timeline lives on your phone, upload the Timeline.json it exports.';
    case 'empty':
      return `The file is empty; ${phoneExport}.`;
    case 'json':
      break;
    default:
      return `This is not a JSON file, so it is no Google Maps Timeline export; ${phoneExport}.`;
  }
  if (firstKey === 'timelineEdits')
    return `This is “Timeline Edits.json” from Takeout, which holds your corrections, not your places. Upload Records.json or the Semantic Location History files from the same archive, or ${phoneExport}.`;
  if (
    firstKey !== null &&
    /^(createdTime|modifiedTime|deviceSettings|retentionWindowDays|historyEnabled)$/.test(firstKey)
  )
    return `This is the Location History “Settings.json” from Takeout, which holds settings, not places. Upload Records.json or the Semantic Location History files from the same archive, or ${phoneExport}.`;
  return `This JSON file is not a Google Maps Timeline export; ${phoneExport}. From an older Google Takeout export, upload Records.json or the monthly files in Semantic Location History instead.`;
}
