import prettyBytes from 'pretty-bytes';

/**
 * A byte count as owners read it, in binary units (pretty-bytes): the one
 * way every surface and error message writes a size.
 *
 * @example
 * formatBytes(1536); // '1.5 KiB'
 * formatBytes(2 * 1024 ** 3); // '2 GiB'
 */
export function formatBytes(bytes: number): string {
  return prettyBytes(bytes, { binary: true, maximumFractionDigits: 1 });
}
