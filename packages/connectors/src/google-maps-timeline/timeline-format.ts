import type { UploadAcquisition } from '../implementation';

/**
 * The Timeline export formats the importer reads: the phone's own export
 * (`Timeline.json`; Android writes an object of `semanticSegments`,
 * `rawSignals` and `userLocationProfile`, iOS a bare array of segments), and
 * Takeout's older Location History files (monthly `timelineObjects` files and
 * `Records.json`).
 */
export type TimelineFormat =
  | 'timeline_on_device'
  | 'timeline_on_device_ios'
  | 'takeout_semantic'
  | 'takeout_records';

const formatByFirstKey: Readonly<Record<string, TimelineFormat>> = {
  semanticSegments: 'timeline_on_device',
  rawSignals: 'timeline_on_device',
  userLocationProfile: 'timeline_on_device',
  timelineObjects: 'takeout_semantic',
  locations: 'takeout_records',
};

/**
 * The format a file's first top-level key announces, or null for a key no
 * Timeline export starts with.
 *
 * @example
 * timelineFormatOfKey('timelineObjects'); // 'takeout_semantic'
 */
export function timelineFormatOfKey(key: string): TimelineFormat | null {
  return Object.hasOwn(formatByFirstKey, key) ? formatByFirstKey[key]! : null;
}

/**
 * How the owner got a file of this format: from the phone, or from Takeout.
 *
 * @example
 * timelineAcquisition('takeout_records'); // 'takeout'
 */
export function timelineAcquisition(format: TimelineFormat): UploadAcquisition {
  return format.startsWith('timeline_on_device') ? 'on_device_export' : 'takeout';
}
