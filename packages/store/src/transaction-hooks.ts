import { ConnError } from '@conn/setup-engine';

type Hook = () => Promise<void>;

interface OpenTransaction {
  hooks: Hook[];
  eventsAppended: boolean;
}

// Keyed by the kysely Transaction a `store.transaction()` callback receives.
const open = new WeakMap<object, OpenTransaction>();

function frameOf(trx: object): OpenTransaction {
  const frame = open.get(trx);
  if (frame === undefined) {
    throw new ConnError(
      'internal_error',
      'This needs the trx of a store.transaction() callback, not store.db or a finished transaction.',
    );
  }
  return frame;
}

/**
 * Runs `hook` on this transaction after its callback resolves and before it
 * commits: work that must commit with the change but happen once, after all
 * of it (the event outbox). A hook that throws rolls the transaction back.
 *
 * @example
 * beforeCommit(trx, () => flushRaisedEvents(trx));
 */
export function beforeCommit(trx: object, hook: Hook): void {
  frameOf(trx).hooks.push(hook);
}

/** @internal Called by `openStore`'s `transaction()` around each callback. */
export const transactionHooks = {
  open(trx: object): void {
    open.set(trx, { hooks: [], eventsAppended: false });
  },
  async beforeCommit(trx: object): Promise<void> {
    const frame = frameOf(trx);
    // A hook may register another (a flush that raises more); run until none is left.
    for (let hook = frame.hooks.shift(); hook !== undefined; hook = frame.hooks.shift()) {
      await hook();
    }
  },
  markEventsAppended(trx: object): void {
    frameOf(trx).eventsAppended = true;
  },
  close(trx: object): boolean {
    const appended = open.get(trx)?.eventsAppended ?? false;
    open.delete(trx);
    return appended;
  },
};
