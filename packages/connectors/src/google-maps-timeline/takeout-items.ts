import { activityType } from './activity-type';
import { jsonField, jsonNumber, jsonString } from './json-field';
import { latLngFromE7 } from './lat-lng';
import { activityItem, pointItem, type TimelineItem, visitItem } from './timeline-record';
import { timelineTime } from './timeline-time';

/** A Takeout duration's bound: `startTimestamp` (ISO) in newer files, `startTimestampMs` in older ones. */
function bound(duration: unknown, which: 'start' | 'end'): string | null {
  return timelineTime(
    jsonField(duration, `${which}Timestamp`) ?? jsonField(duration, `${which}TimestampMs`),
  );
}

/** A Takeout location's time: `timestamp` (ISO) in newer files, `timestampMs` in older ones. */
function stamp(value: unknown): string | null {
  return timelineTime(jsonField(value, 'timestamp') ?? jsonField(value, 'timestampMs'));
}

/**
 * The records of one `timelineObjects` element of a Takeout Semantic Location
 * History file: a `placeVisit` visit, or an `activitySegment` activity with
 * the timed points of its `simplifiedRawPath`. Null when it has no readable
 * start time.
 *
 * @example
 * takeoutSemanticItems({ placeVisit: { location: { placeId, latitudeE7, longitudeE7 }, duration } });
 */
export function takeoutSemanticItems(object: unknown): TimelineItem[] | null {
  const visit = jsonField(object, 'placeVisit');
  if (visit !== undefined) {
    const start = bound(jsonField(visit, 'duration'), 'start');
    if (start === null) return null;
    const location = jsonField(visit, 'location');
    const place = latLngFromE7(location);
    return [
      visitItem({
        start_time: start,
        end_time: bound(jsonField(visit, 'duration'), 'end'),
        utc_offset_minutes: null,
        place_id: jsonString(jsonField(location, 'placeId')),
        name: jsonString(jsonField(location, 'name')),
        address: jsonString(jsonField(location, 'address')),
        semantic_type: jsonString(jsonField(location, 'semanticType')),
        latitude: place?.latitude ?? null,
        longitude: place?.longitude ?? null,
        probability: null,
        source_format: 'takeout_semantic',
      }),
    ];
  }
  const segment = jsonField(object, 'activitySegment');
  if (segment === undefined) return [];
  const start = bound(jsonField(segment, 'duration'), 'start');
  if (start === null) return null;
  const from = latLngFromE7(jsonField(segment, 'startLocation'));
  const to = latLngFromE7(jsonField(segment, 'endLocation'));
  const activities = jsonField(segment, 'activities');
  const items: TimelineItem[] = [
    activityItem({
      start_time: start,
      end_time: bound(jsonField(segment, 'duration'), 'end'),
      utc_offset_minutes: null,
      activity_type: activityType(
        jsonField(segment, 'activityType') ??
          (Array.isArray(activities) ? jsonField(activities[0], 'activityType') : undefined),
      ),
      distance_meters:
        jsonNumber(jsonField(segment, 'distance')) ??
        jsonNumber(jsonField(segment, 'waypointPath', 'distanceMeters')),
      start_latitude: from?.latitude ?? null,
      start_longitude: from?.longitude ?? null,
      end_latitude: to?.latitude ?? null,
      end_longitude: to?.longitude ?? null,
      probability: null,
      source_format: 'takeout_semantic',
    }),
  ];
  const points = jsonField(segment, 'simplifiedRawPath', 'points');
  if (Array.isArray(points))
    for (const entry of points) {
      const point = latLngFromE7(entry);
      const time = stamp(entry);
      if (point === null || time === null) continue;
      items.push(
        pointItem({
          time,
          ...point,
          accuracy_meters: jsonNumber(jsonField(entry, 'accuracyMeters')),
          altitude_meters: null,
          source: null,
          source_format: 'takeout_semantic',
        }),
      );
    }
  return items;
}

/**
 * The point of one `locations` element of Takeout's `Records.json`, or null
 * when it lacks a readable time or position.
 *
 * @example
 * takeoutLocationItems({ latitudeE7: 488583000, longitudeE7: 22945000, accuracy: 12, timestamp });
 */
export function takeoutLocationItems(location: unknown): TimelineItem[] | null {
  const point = latLngFromE7(location);
  const time = stamp(location);
  if (point === null || time === null) return null;
  return [
    pointItem({
      time,
      ...point,
      accuracy_meters: jsonNumber(jsonField(location, 'accuracy')),
      altitude_meters: jsonNumber(jsonField(location, 'altitude')),
      source: jsonString(jsonField(location, 'source')),
      source_format: 'takeout_records',
    }),
  ];
}
