import { type LocalizedMarker, localizedMarkers, type MarkerShape } from './localized-markers';

/**
 * A regular-expression alternation of every table string of one shape, each
 * taken literally, longest first so a longer wording wins over its prefix.
 *
 * @example
 * new RegExp(`^(${markerAlternation('omitted')})$`, 'i').test('Bild weggelassen'); // true
 */
export function markerAlternation(shape: MarkerShape): string {
  return markersOf(shape)
    .map((marker) => marker.text)
    .sort((a, b) => b.length - a.length)
    .map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

/** The table's markers of one shape. */
export function markersOf(shape: MarkerShape): readonly LocalizedMarker[] {
  return localizedMarkers.filter((marker) => marker.shape === shape);
}
