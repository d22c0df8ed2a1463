import { InvalidArgumentError } from 'commander';

/**
 * Collects repeated `--field name=value` flags into one record.
 *
 * @example
 * parseFieldFlag('api_url=https://ghe.example.com/api/v3', {}); // { api_url: 'https://…' }
 */
export function parseFieldFlag(
  value: string,
  previous: Record<string, string> | undefined,
): Record<string, string> {
  const match = /^([a-z][a-z0-9_]*)=(.*)$/s.exec(value);
  if (match === null)
    throw new InvalidArgumentError('use --field name=value, e.g. --field api_url=https://…');
  return { ...previous, [match[1] as string]: match[2] as string };
}
