/** Formats zod writes for `startsWith` / `endsWith` / `includes`; the pattern beside them says the same. */
const nonStandardFormats = new Set(['starts_with', 'ends_with', 'includes']);
const refPrefix = '#/components/schemas/';

type Json = Record<string, unknown>;

/**
 * Makes the generated document standard and lean: drops the non-standard
 * `format` values zod emits (their `pattern` stays) and the shared schemas
 * no documented operation reaches (each shape is registered once for input
 * and once for output; most are used one way only).
 */
export function tidyDocument<T extends object>(document: T): T {
  dropNonStandardFormats(document);
  const root = document as Json & { components?: { schemas?: Record<string, unknown> } };
  const schemas = root.components?.schemas;
  if (schemas === undefined) return document;
  const reached = new Set<string>();
  const pending = [...refsIn({ ...root, components: undefined })];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (reached.has(name)) continue;
    reached.add(name);
    pending.push(...refsIn(schemas[name]));
  }
  for (const name of Object.keys(schemas)) if (!reached.has(name)) delete schemas[name];
  return document;
}

function dropNonStandardFormats(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) dropNonStandardFormats(item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const object = node as Json;
  if (typeof object.format === 'string' && nonStandardFormats.has(object.format)) {
    delete object.format;
  }
  for (const value of Object.values(object)) dropNonStandardFormats(value);
}

function refsIn(node: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value as Json)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(refPrefix)) {
        found.push(child.slice(refPrefix.length));
      } else walk(child);
    }
  };
  walk(node);
  return found;
}
