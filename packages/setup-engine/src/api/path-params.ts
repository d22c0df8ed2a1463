/** The `:name` parameters of a path template, as an object type. */
export type PathParams<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name | keyof PathParams<`/${Rest}`>]: string }
  : Path extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

/**
 * Fills a path template with percent-encoded values. A missing value is a
 * programming error, so it throws rather than sending a literal `:id`.
 *
 * @example
 * fillPath('/v1/owner/connections/:id/revoke', { id: 'con_1' }); // '/v1/owner/connections/con_1/revoke'
 */
export function fillPath<Path extends string>(path: Path, params: PathParams<Path>): string {
  const values = params as Readonly<Record<string, string>>;
  return path.replace(/:([a-z_]+)/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new TypeError(`No value for :${name} in ${path}.`);
    return encodeURIComponent(value);
  });
}
