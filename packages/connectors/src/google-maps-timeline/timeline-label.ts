/**
 * The label a Timeline import suggests: the years it covers
 * (`Google Maps Timeline — 2019–2024`, or one year), or just the name when
 * nothing is dated.
 *
 * @example
 * timelineLabel({ from: '2019-03-01T00:00:00.000Z', to: '2024-05-01T00:00:00.000Z' }); // 'Google Maps Timeline — 2019–2024'
 */
export function timelineLabel(range: { from: string; to: string } | null): string {
  if (range === null) return 'Google Maps Timeline';
  const from = range.from.slice(0, 4);
  const to = range.to.slice(0, 4);
  return `Google Maps Timeline — ${from === to ? from : `${from}–${to}`}`;
}
