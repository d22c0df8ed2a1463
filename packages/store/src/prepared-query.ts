import {
  type Compilable,
  type CompiledQuery,
  createQueryId,
  type Insertable,
  type InsertQueryBuilder,
  type InsertResult,
} from 'kysely';
import { markRepeated } from './repeated-statements';
import type { StoreDb } from './repositories/store-db';
import type { Database } from './schema';

/**
 * A value a prepared query takes: one parameter (a string, or null: fine to
 * `set`, though `where … = null` matches nothing), or a list (an `in (…)` of
 * that length).
 */
type Argument = string | null | readonly string[];

const SENTINEL = '\u0000conn-prepared-parameter:';
const MAX_SHAPES = 16;

/**
 * Compiled queries by dialect (the adapter class: the SQL it writes) and by
 * argument shape, and the run that fills a compiled query's placeholders with
 * fresh values. Plugins still see every run's query, so the store's
 * transaction guard holds.
 */
function compiledShapes<R>() {
  const cache = new Map<unknown, Map<string, CompiledQuery<R>>>();
  return async (
    db: StoreDb,
    shape: string,
    compile: () => CompiledQuery<R>,
    values: readonly unknown[],
  ): Promise<R[]> => {
    const executor = db.getExecutor();
    let byShape = cache.get(executor.adapter.constructor);
    if (byShape === undefined) {
      byShape = new Map();
      cache.set(executor.adapter.constructor, byShape);
    }
    let compiled = byShape.get(shape);
    if (compiled === undefined) {
      compiled = compile();
      // Shapes come in many sizes: keep the common few, compile the rest each time.
      if (byShape.size < MAX_SHAPES) {
        byShape.set(shape, compiled);
        markRepeated(compiled.sql);
      }
    }
    const queryId = createQueryId();
    executor.transformQuery(compiled.query, queryId);
    const parameters = compiled.parameters.map((parameter) =>
      typeof parameter === 'string' && parameter.startsWith(SENTINEL)
        ? values[Number(parameter.slice(SENTINEL.length))]
        : parameter,
    );
    const result = await executor.executeQuery<R>({ ...compiled, queryId, parameters });
    return result.rows;
  };
}

/**
 * A kysely query built and compiled once per dialect and argument shape, then
 * run with fresh parameters: on the hot reads (status, sessions) building and
 * compiling the query cost more than SQLite running it. `build` must only pass
 * its arguments into the query (they are placeholders while it compiles).
 *
 * @example
 * const sessionByHash = preparedQuery((db, hash: string) =>
 *   db.selectFrom('owner_sessions').selectAll().where('token_hash', '=', hash));
 * const [row] = await sessionByHash(db, hashToken(token));
 */
export function preparedQuery<A extends Argument[], R>(
  build: (db: StoreDb, ...args: A) => Compilable<R>,
): (db: StoreDb, ...args: A) => Promise<R[]> {
  const run = compiledShapes<R>();
  return (db, ...args) => {
    const single = (arg: Argument): arg is string | null => arg === null || typeof arg === 'string';
    const shape = args.map((arg) => (single(arg) ? '.' : String(arg.length))).join();
    let next = 0;
    const one = () => `${SENTINEL}${next++}`;
    const placeholders = () => args.map((arg) => (single(arg) ? one() : arg.map(one))) as A;
    return run(db, shape, () => build(db, ...placeholders()).compile(), args.flat());
  };
}

/** A column value an insert passes as a parameter (never an SQL expression). */
type PlainValue = string | number | bigint | boolean | null | Uint8Array;

/**
 * An insert of one or more rows into `table`, compiled once per dialect and
 * column set (and row count), then run with each call's values: a write path
 * of many small inserts (an intent writes six) otherwise spends more on
 * building and compiling them than SQLite spends on the rows. `finish` adds
 * what follows the values (`onConflict`, `returning`). Rows carry plain
 * values only; a column no row sets (`undefined`) is left out, as kysely does.
 *
 * @example
 * const insertAudit = preparedInsert('audit_events');
 * await insertAudit(trx, [row]);
 */
export function preparedInsert<T extends keyof Database & string, R = InsertResult>(
  table: T,
  finish: (query: InsertQueryBuilder<Database, T, InsertResult>) => Compilable<R> = (query) =>
    query as unknown as Compilable<R>,
): (db: StoreDb, rows: readonly Insertable<Database[T]>[]) => Promise<R[]> {
  const run = compiledShapes<R>();
  return (db, rows) => {
    if (rows.length === 0) return Promise.resolve([]);
    const plain = rows as readonly Record<string, PlainValue | undefined>[];
    // Every column any row sets; a row without one inserts null there.
    const columns = [
      ...new Set(
        plain.flatMap((row) => Object.keys(row).filter((column) => row[column] !== undefined)),
      ),
    ];
    const values = plain.flatMap((row) => columns.map((column) => row[column] ?? null));
    const compile = () => {
      let next = 0;
      const placeholderRows = rows.map(() =>
        Object.fromEntries(columns.map((column) => [column, `${SENTINEL}${next++}`])),
      );
      return finish(
        db.insertInto(table).values(placeholderRows as Insertable<Database[T]>[]),
      ).compile();
    };
    return run(db, `${columns.join()}×${rows.length}`, compile, values);
  };
}
