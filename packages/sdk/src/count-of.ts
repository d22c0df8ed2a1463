/** The singular of a plural English noun as stream and unit names are written. */
function singular(plural: string): string {
  if (/ies$/.test(plural)) return `${plural.slice(0, -3)}y`;
  if (/(ss|sh|ch|x)es$/.test(plural)) return plural.slice(0, -2);
  if (/s$/.test(plural) && !/ss$/.test(plural)) return plural.slice(0, -1);
  return plural;
}

/**
 * A count with its noun in the right number, digits grouped as owners read
 * them. The noun is given in the plural, as stream names are.
 *
 * @example
 * countOf(1, 'activities'); // '1 activity'
 * countOf(1204, 'messages'); // '1,204 messages'
 */
export function countOf(count: number, plural: string): string {
  const noun = plural.replace(/[_-]+/g, ' ');
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular(noun) : noun}`;
}
