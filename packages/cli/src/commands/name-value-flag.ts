import { InvalidArgumentError } from 'commander';

/**
 * A commander parser collecting a repeated `--flag name=value` option into
 * one record, refusing any other form with an example of the flag.
 *
 * @example
 * const parseReading = nameValueFlag('--reading', 'date_order=month_first');
 * parseReading('date_order=month_first', undefined); // { date_order: 'month_first' }
 */
export function nameValueFlag(
  flag: string,
  example: string,
): (value: string, previous: Record<string, string> | undefined) => Record<string, string> {
  return (value, previous) => {
    const match = /^([a-z][a-z0-9_]*)=(.*)$/s.exec(value);
    if (match === null)
      throw new InvalidArgumentError(`use ${flag} name=value, e.g. ${flag} ${example}`);
    return { ...previous, [match[1] as string]: match[2] as string };
  };
}
