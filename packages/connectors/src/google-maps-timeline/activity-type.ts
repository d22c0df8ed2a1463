/**
 * An activity type in the one spelling all formats share: `in passenger
 * vehicle` (iOS) and `IN_PASSENGER_VEHICLE` (Android, Takeout) both become
 * the latter.
 *
 * @example
 * activityType('in passenger vehicle'); // 'IN_PASSENGER_VEHICLE'
 */
export function activityType(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== ''
    ? value
        .trim()
        .toUpperCase()
        .replace(/[\s-]+/g, '_')
    : null;
}
