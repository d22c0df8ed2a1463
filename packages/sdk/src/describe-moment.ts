const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

const units: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', Number.POSITIVE_INFINITY],
];

/**
 * A moment as an owner reads it: how far from now, and the local clock time
 * (with the date when it is not today). Never a raw UTC timestamp.
 *
 * @example
 * describeMoment('2026-12-02T00:50:44Z', now); // 'in 14 minutes (00:50)'
 * describeMoment(token.created_at); // '3 days ago (29 Nov, 10:02)'
 */
export function describeMoment(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  let amount = (at.getTime() - now.getTime()) / 1000;
  let unit: Intl.RelativeTimeFormatUnit = 'second';
  for (const [name, size] of units) {
    unit = name;
    if (Math.abs(amount) < size) break;
    amount /= size;
  }
  const clock = at.toLocaleString(
    'en-GB',
    at.toDateString() === now.toDateString()
      ? { hour: '2-digit', minute: '2-digit' }
      : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
  );
  return `${relative.format(Math.round(amount), unit)} (${clock})`;
}
