import { InvalidArgumentError } from 'commander';

/**
 * Parses an `--interval <minutes>` value: a positive number of minutes.
 *
 * @example
 * new Command('run').option('--interval <minutes>', 'minutes between runs', parseMinutes, 15);
 */
export function parseMinutes(value: string): number {
  const minutes = Number(value);
  if (!Number.isFinite(minutes) || minutes <= 0) {
    throw new InvalidArgumentError('give the interval in minutes, e.g. --interval 15');
  }
  return minutes;
}
