import { jsonNumber } from './json-field';

/** A position in degrees. */
export interface LatLng {
  latitude: number;
  longitude: number;
}

function validLatLng(latitude: number, longitude: number): LatLng | null {
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return { latitude, longitude };
}

/**
 * Reads a position as the phone export writes it: `"48.8583°, 2.2945°"`
 * (Android) or `"geo:48.858300,2.294500"` (iOS). Null for anything else.
 *
 * @example
 * parseLatLng('-33.8568°, 151.2153°'); // { latitude: -33.8568, longitude: 151.2153 }
 */
export function parseLatLng(value: unknown): LatLng | null {
  if (typeof value !== 'string') return null;
  const match = /^\s*(?:geo:)?\s*(-?\d+(?:\.\d+)?)°?\s*,\s*(-?\d+(?:\.\d+)?)°?\s*$/.exec(value);
  return match === null ? null : validLatLng(Number(match[1]), Number(match[2]));
}

/** A Takeout E7 coordinate in degrees; values over 2^31 are read as the negative numbers Google meant. */
function fromE7(value: unknown): number {
  const n = jsonNumber(value);
  if (n === null) return Number.NaN;
  return (n > 1_800_000_000 ? n - 4_294_967_296 : n) / 1e7;
}

/**
 * Reads a Takeout position written as E7 integers (`latitudeE7`/`longitudeE7`,
 * or `latE7`/`lngE7` in paths). Null when either is missing or out of range.
 *
 * @example
 * latLngFromE7({ latitudeE7: 488583000, longitudeE7: 22945000 }); // { latitude: 48.8583, longitude: 2.2945 }
 */
export function latLngFromE7(value: unknown): LatLng | null {
  if (typeof value !== 'object' || value === null) return null;
  const object = value as Record<string, unknown>;
  return validLatLng(
    fromE7(object.latitudeE7 ?? object.latE7),
    fromE7(object.longitudeE7 ?? object.lngE7),
  );
}
