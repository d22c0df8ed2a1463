import type { TimelineFormat } from './timeline-format';

/** A `visits` record: a stay at one place. */
export type VisitRecord = {
  id: string;
  start_time: string;
  end_time: string | null;
  /** The offset from UTC the phone was in at the start, in minutes, when the export says. */
  utc_offset_minutes: number | null;
  place_id: string | null;
  name: string | null;
  address: string | null;
  semantic_type: string | null;
  latitude: number | null;
  longitude: number | null;
  probability: number | null;
  source_format: TimelineFormat;
};

/** An `activities` record: a trip between two visits. */
export type ActivityRecord = {
  id: string;
  start_time: string;
  end_time: string | null;
  utc_offset_minutes: number | null;
  /** `WALKING`, `IN_PASSENGER_VEHICLE`, … (upper case in every format). */
  activity_type: string | null;
  distance_meters: number | null;
  start_latitude: number | null;
  start_longitude: number | null;
  end_latitude: number | null;
  end_longitude: number | null;
  probability: number | null;
  source_format: TimelineFormat;
};

/** A `points` record: one recorded position. */
export type PointRecord = {
  id: string;
  time: string;
  latitude: number;
  longitude: number;
  accuracy_meters: number | null;
  altitude_meters: number | null;
  /** What recorded it (`GPS`, `WIFI`, `CELL`), when the export says. */
  source: string | null;
  source_format: TimelineFormat;
};

/** One record read from a Timeline export, with the stream it belongs to. */
export type TimelineItem =
  | { stream: 'visits'; record: VisitRecord }
  | { stream: 'activities'; record: ActivityRecord }
  | { stream: 'points'; record: PointRecord };

const coordinate = (degrees: number) => degrees.toFixed(7);

/**
 * A `visits` item keyed by its start time and place (the place id, else its
 * coordinates), so the same stay gets the same key from every export format.
 *
 * @example
 * visitItem({ start_time: '2024-01-01T07:00:00.000Z', place_id: 'ChIJ…', … }).record.id;
 * // 'visit/2024-01-01T07:00:00.000Z/ChIJ…'
 */
export function visitItem(fields: Omit<VisitRecord, 'id'>): TimelineItem {
  const place =
    fields.place_id ??
    (fields.latitude === null || fields.longitude === null
      ? 'unknown'
      : `${coordinate(fields.latitude)},${coordinate(fields.longitude)}`);
  return { stream: 'visits', record: { id: `visit/${fields.start_time}/${place}`, ...fields } };
}

/**
 * An `activities` item keyed by its start time and activity type.
 *
 * @example
 * activityItem({ start_time: '2024-01-01T08:00:00.000Z', activity_type: 'WALKING', … }).record.id;
 * // 'activity/2024-01-01T08:00:00.000Z/WALKING'
 */
export function activityItem(fields: Omit<ActivityRecord, 'id'>): TimelineItem {
  return {
    stream: 'activities',
    record: {
      id: `activity/${fields.start_time}/${fields.activity_type ?? 'UNKNOWN'}`,
      ...fields,
    },
  };
}

/**
 * A `points` item keyed by its time and position (seven decimals, the E7
 * precision Google records).
 *
 * @example
 * pointItem({ time: '2024-01-01T08:05:00.000Z', latitude: 48.8583, longitude: 2.2945, … }).record.id;
 * // 'point/2024-01-01T08:05:00.000Z/48.8583000,2.2945000'
 */
export function pointItem(fields: Omit<PointRecord, 'id'>): TimelineItem {
  // Built field by field, not spread: this runs once per point, millions of times in a large export.
  return {
    stream: 'points',
    record: {
      id: `point/${fields.time}/${coordinate(fields.latitude)},${coordinate(fields.longitude)}`,
      time: fields.time,
      latitude: fields.latitude,
      longitude: fields.longitude,
      accuracy_meters: fields.accuracy_meters,
      altitude_meters: fields.altitude_meters,
      source: fields.source,
      source_format: fields.source_format,
    },
  };
}
