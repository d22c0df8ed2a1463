import { activityType } from './activity-type';
import { jsonField, jsonNumber, jsonString } from './json-field';
import { parseLatLng } from './lat-lng';
import type { TimelineFormat } from './timeline-format';
import { activityItem, pointItem, type TimelineItem, visitItem } from './timeline-record';
import { timelineTime, utcOffsetMinutes } from './timeline-time';

/** Android writes `{ latLng: "48.85°, 2.29°" }` where iOS writes `"geo:48.85,2.29"`. */
function position(value: unknown) {
  return parseLatLng(jsonField(value, 'latLng') ?? value);
}

/** A path point's time: Android writes it, iOS writes minutes after the segment's start. */
function pathPointTime(entry: unknown, segmentStart: string): string | null {
  const written = timelineTime(jsonField(entry, 'time'));
  if (written !== null) return written;
  const minutes = jsonNumber(jsonField(entry, 'durationMinutesOffsetFromStartTime'));
  return minutes === null
    ? null
    : new Date(Date.parse(segmentStart) + minutes * 60_000).toISOString();
}

/**
 * The records of one semantic segment of a phone export (Android's
 * `semanticSegments` element or an element of iOS's top-level array): a visit,
 * an activity, and/or the points of its `timelinePath`. Null when the segment
 * has no readable start time; an empty list for segments of another kind
 * (`timelineMemory`).
 *
 * @example
 * onDeviceSegmentItems({ startTime, endTime, visit: { topCandidate: { placeId, placeLocation } } }, 'timeline_on_device');
 */
export function onDeviceSegmentItems(
  segment: unknown,
  format: TimelineFormat,
): TimelineItem[] | null {
  const startWritten = jsonField(segment, 'startTime');
  const start = timelineTime(startWritten);
  if (start === null) return null;
  const end = timelineTime(jsonField(segment, 'endTime'));
  const offset =
    jsonNumber(jsonField(segment, 'startTimeTimezoneUtcOffsetMinutes')) ??
    utcOffsetMinutes(startWritten);
  const items: TimelineItem[] = [];

  const visit = jsonField(segment, 'visit');
  if (visit !== undefined) {
    const candidate = jsonField(visit, 'topCandidate');
    const place = position(jsonField(candidate, 'placeLocation'));
    items.push(
      visitItem({
        start_time: start,
        end_time: end,
        utc_offset_minutes: offset,
        place_id: jsonString(jsonField(candidate, 'placeId') ?? jsonField(candidate, 'placeID')),
        name: null,
        address: null,
        semantic_type: jsonString(jsonField(candidate, 'semanticType')),
        latitude: place?.latitude ?? null,
        longitude: place?.longitude ?? null,
        probability:
          jsonNumber(jsonField(visit, 'probability')) ??
          jsonNumber(jsonField(candidate, 'probability')),
        source_format: format,
      }),
    );
  }

  const activity = jsonField(segment, 'activity');
  if (activity !== undefined) {
    const from = position(jsonField(activity, 'start'));
    const to = position(jsonField(activity, 'end'));
    items.push(
      activityItem({
        start_time: start,
        end_time: end,
        utc_offset_minutes: offset,
        activity_type: activityType(jsonField(activity, 'topCandidate', 'type')),
        distance_meters: jsonNumber(jsonField(activity, 'distanceMeters')),
        start_latitude: from?.latitude ?? null,
        start_longitude: from?.longitude ?? null,
        end_latitude: to?.latitude ?? null,
        end_longitude: to?.longitude ?? null,
        probability: jsonNumber(jsonField(activity, 'probability')),
        source_format: format,
      }),
    );
  }

  const path = jsonField(segment, 'timelinePath');
  if (Array.isArray(path))
    for (const entry of path) {
      const point = parseLatLng(jsonField(entry, 'point'));
      const time = pathPointTime(entry, start);
      if (point === null || time === null) continue;
      items.push(
        pointItem({
          time,
          ...point,
          accuracy_meters: null,
          altitude_meters: null,
          source: null,
          source_format: format,
        }),
      );
    }
  return items;
}

/**
 * The point of one `rawSignals` element of an Android phone export — its
 * `position` signal; Wi-Fi scans and activity guesses yield nothing. Null
 * when a position lacks a readable time or place.
 *
 * @example
 * onDeviceSignalItems({ position: { LatLng: '48.85°, 2.29°', accuracyMeters: 12, timestamp } });
 */
export function onDeviceSignalItems(signal: unknown): TimelineItem[] | null {
  const recorded = jsonField(signal, 'position');
  if (recorded === undefined) return [];
  const point = parseLatLng(jsonField(recorded, 'LatLng') ?? jsonField(recorded, 'latLng'));
  const time = timelineTime(jsonField(recorded, 'timestamp'));
  if (point === null || time === null) return null;
  return [
    pointItem({
      time,
      ...point,
      accuracy_meters: jsonNumber(jsonField(recorded, 'accuracyMeters')),
      altitude_meters: jsonNumber(jsonField(recorded, 'altitudeMeters')),
      source: jsonString(jsonField(recorded, 'source')),
      source_format: 'timeline_on_device',
    }),
  ];
}
