/** The `:name` parameters of a path template, as an object type. */
export type PathParams<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name | keyof PathParams<`/${Rest}`>]: string }
  : Path extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

interface CompiledPath {
  /** Literal text around the parameters: one more entry than `names`. */
  texts: readonly string[];
  names: readonly string[];
}

/** Templates compiled once: plans fill them on every read. */
const compiled = new Map<string, CompiledPath>();

function compile(path: string): CompiledPath {
  let known = compiled.get(path);
  if (known === undefined) {
    const parts = path.split(/:([a-z_]+)/);
    known = {
      texts: parts.filter((_, index) => index % 2 === 0),
      names: parts.filter((_, index) => index % 2 === 1),
    };
    compiled.set(path, known);
  }
  return known;
}

/**
 * Fills a path template with percent-encoded values. A missing value is a
 * programming error, so it throws rather than sending a literal `:id`.
 *
 * @example
 * fillPath('/v1/owner/connections/:id/revoke', { id: 'con_1' }); // '/v1/owner/connections/con_1/revoke'
 */
export function fillPath<Path extends string>(path: Path, params: PathParams<Path>): string {
  const values = params as Readonly<Record<string, string>>;
  const { texts, names } = compile(path);
  let filled = texts[0] ?? '';
  for (let index = 0; index < names.length; index += 1) {
    const name = names[index] as string;
    const value = values[name];
    if (value === undefined) throw new TypeError(`No value for :${name} in ${path}.`);
    filled += encodeURIComponent(value) + (texts[index + 1] ?? '');
  }
  return filled;
}
