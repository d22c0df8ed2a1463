import { type Compilable, type CompiledQuery, createQueryId } from 'kysely';
import type { StoreDb } from './repositories/store-db';

/** A value a prepared query takes: one parameter, or a list (an `in (…)` of that length). */
type Argument = string | readonly string[];

const SENTINEL = '\u0000conn-prepared-parameter:';
const MAX_SHAPES = 16;

/**
 * A kysely query built and compiled once per dialect and argument shape, then
 * run with fresh parameters: on the hot reads (status, sessions) building and
 * compiling the query cost more than SQLite running it. `build` must only pass
 * its arguments into the query (they are placeholders while it compiles).
 * Plugins still see every run's query, so the store's transaction guard holds.
 *
 * @example
 * const sessionByHash = preparedQuery((db, hash: string) =>
 *   db.selectFrom('owner_sessions').selectAll().where('token_hash', '=', hash));
 * const [row] = await sessionByHash(db, hashToken(token));
 */
export function preparedQuery<A extends Argument[], R>(
  build: (db: StoreDb, ...args: A) => Compilable<R>,
): (db: StoreDb, ...args: A) => Promise<R[]> {
  // Keyed by adapter class (the SQL a dialect writes) and by each list's length.
  const cache = new Map<unknown, Map<string, CompiledQuery<R>>>();
  return async (db, ...args) => {
    const executor = db.getExecutor();
    const shape = args.map((arg) => (typeof arg === 'string' ? '.' : String(arg.length))).join();
    let byShape = cache.get(executor.adapter.constructor);
    if (byShape === undefined) {
      byShape = new Map();
      cache.set(executor.adapter.constructor, byShape);
    }
    let compiled = byShape.get(shape);
    if (compiled === undefined) {
      compiled = build(db, ...(placeholders(args) as A)).compile();
      // Lists come in many lengths: keep the common few, compile the rest each time.
      if (byShape.size < MAX_SHAPES) byShape.set(shape, compiled);
    }
    const values = args.flat();
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

function placeholders(args: readonly Argument[]): Argument[] {
  let next = 0;
  const one = () => `${SENTINEL}${next++}`;
  return args.map((arg) => (typeof arg === 'string' ? one() : arg.map(one)));
}
