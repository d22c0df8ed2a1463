import { AsyncLocalStorage } from 'node:async_hooks';
import { ConnError } from '@conn/setup-engine';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

interface Frame {
  active: boolean;
}

/**
 * Knows whether the current async context is inside one store's transaction
 * callback, and turns two easy mistakes into clear errors instead of hangs:
 * a nested `store.transaction()`, and a query on `store.db` (rather than `trx`)
 * inside the callback. On SQLite both would wait forever for the single
 * connection the outer transaction holds; on PostgreSQL the query would
 * silently run outside the transaction. As a kysely plugin on `store.db` it
 * sees every query before a connection is requested.
 *
 * @example
 * const scope = new TransactionScope();
 * const db = base.withPlugin(scope);
 * await scope.run(() => base.transaction().execute(fn));
 */
export class TransactionScope implements KyselyPlugin {
  readonly #frames = new AsyncLocalStorage<Frame>();

  /** Runs `fn` as this store's transaction; throws if one is already running in this context. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#frames.getStore()?.active) {
      throw new ConnError(
        'internal_error',
        'store.transaction() was called inside another store.transaction(); pass the outer trx down instead.',
      );
    }
    const frame: Frame = { active: true };
    try {
      return await this.#frames.run(frame, fn);
    } finally {
      // Work the callback left running (not awaited) is no longer inside the transaction.
      frame.active = false;
    }
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.#frames.getStore()?.active) {
      throw new ConnError(
        'internal_error',
        'store.db was used inside store.transaction(); run the query on the trx the callback received.',
      );
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
