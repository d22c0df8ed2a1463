import { z } from 'zod';

/** What a client reads in place of an enum value newer than its contract. */
export const unknownValue = 'unknown';
export type UnknownValue = typeof unknownValue;

type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;

type Widened<T> = [T] extends [string]
  ? string extends T
    ? T
    : true extends IsUnion<T>
      ? T | UnknownValue
      : T
  : [T] extends [readonly (infer E)[]]
    ? ForwardCompatible<E>[]
    : [T] extends [object]
      ? { [K in keyof T]: ForwardCompatible<T[K]> }
      : T;

/**
 * A response type as an older client reads it: every enum may also be
 * `'unknown'` (a value a later server added). Single literals, such as a
 * discriminated union's tag, stay as they are.
 */
export type ForwardCompatible<T> = unknown extends T
  ? T
  : null extends T
    ? ForwardCompatible<Exclude<T, null>> | null
    : undefined extends T
      ? ForwardCompatible<Exclude<T, undefined>> | undefined
      : Widened<T>;

type AnyDef =
  | { type: 'object'; shape: Record<string, z.ZodType> }
  | { type: 'enum'; entries: Record<string, string | number> }
  | { type: 'array'; element: z.ZodType }
  | { type: 'nullable' | 'optional'; innerType: z.ZodType }
  | { type: 'record'; keyType: z.ZodType; valueType: z.ZodType }
  | { type: 'union'; options: readonly z.ZodType[]; discriminator?: string }
  | { type: string };

const converted = new WeakMap<z.ZodType, z.ZodType>();

function convert(schema: z.ZodType): z.ZodType {
  const known = converted.get(schema);
  if (known !== undefined) return known;
  const result = rebuild(schema);
  converted.set(schema, result);
  return result;
}

function rebuild(schema: z.ZodType): z.ZodType {
  const def = schema._zod.def as AnyDef;
  if ('shape' in def) {
    // `z.object` drops keys it does not know instead of refusing them.
    return z.object(Object.fromEntries(Object.entries(def.shape).map(([k, v]) => [k, convert(v)])));
  }
  if ('entries' in def) {
    const values = Object.values(def.entries).filter((v): v is string => typeof v === 'string');
    if (values.length < 2) return schema;
    return z.union([schema, z.string().transform((): UnknownValue => unknownValue)]);
  }
  if ('element' in def) return z.array(convert(def.element));
  if ('innerType' in def) {
    if (def.type === 'nullable') return convert(def.innerType).nullable();
    if (def.type === 'optional') return convert(def.innerType).optional();
    return schema;
  }
  if ('valueType' in def) {
    // Keys of a later enum (a new platform) must not fail the whole answer.
    const keys = (def.keyType._zod.def as AnyDef).type === 'enum' ? z.string() : def.keyType;
    return z.record(keys as z.ZodString, convert(def.valueType));
  }
  if ('options' in def) {
    const options = def.options.map(convert);
    if (def.discriminator !== undefined) {
      return z.discriminatedUnion(
        def.discriminator,
        options as unknown as [z.ZodObject, ...z.ZodObject[]],
      );
    }
    return z.union(options as [z.ZodType, ...z.ZodType[]]);
  }
  return schema;
}

/**
 * The reading of a response schema for clients: objects accept fields they
 * do not know (and drop them), enums map values they do not know to
 * `'unknown'`. The server keeps answering with the strict schema; a client
 * built against this contract keeps working when a later server adds a
 * field or a value. Derived once per schema and cached.
 *
 * @example
 * const status = forwardCompatible(SetupStatusSchema).parse(await response.json());
 * if (status.setup_state === 'unknown') console.log('Update your conn CLI to see this state.');
 */
export function forwardCompatible<S extends z.ZodType>(
  schema: S,
): z.ZodType<ForwardCompatible<z.output<S>>> {
  return convert(schema) as z.ZodType<ForwardCompatible<z.output<S>>>;
}
