import type { SqliteDatabase } from 'kysely';
import type { SqliteWriterLock } from './sqlite-writer-lock';

/** Transactions one SQLite commit may carry; bounds how long the first waits for its commit. */
const maxTransactionsPerCommit = 32;
const savepoint = '"conn_tx"';

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit for one writer connection. Store transactions still run one
 * at a time, each inside a savepoint, but transactions that queued while
 * another ran join its SQLite transaction, and one `COMMIT` makes them all
 * durable at once: a commit writes the WAL pages (and now and then
 * checkpoints), which costs more than a small transaction itself. Each
 * transaction's commit resolves only after the real `COMMIT`, so no caller
 * sees a commit that has not happened, and a failed `COMMIT` fails every
 * transaction it carried. A rollback undoes only its own savepoint. With
 * nothing queued a transaction commits alone, as before.
 *
 * @example
 * const batch = new SqliteWriteBatch(writer, () => raw.inTransaction, lock);
 * await batch.begin(); … await batch.commit(); // or batch.rollback()
 */
export class SqliteWriteBatch {
  readonly #writer: SqliteDatabase;
  readonly #inTransaction: () => boolean;
  readonly #lock: SqliteWriterLock;
  /** The shared writer lock's release, while this connection's SQLite transaction is open. */
  #release: (() => void) | undefined;
  /** A store transaction is running in the open SQLite transaction. */
  #running = false;
  /** Waiting for the shared lock to open a SQLite transaction. */
  #opening = false;
  #flushScheduled: NodeJS.Immediate | undefined;
  #carried = 0;
  #committed: Waiter[] = [];
  readonly #queued: Waiter[] = [];

  constructor(writer: SqliteDatabase, inTransaction: () => boolean, lock: SqliteWriterLock) {
    this.#writer = writer;
    this.#inTransaction = inTransaction;
    this.#lock = lock;
  }

  /** Starts a store transaction: in the open SQLite transaction, or in a new one. */
  async begin(): Promise<void> {
    const idleOpen =
      this.#release !== undefined &&
      !this.#running &&
      this.#queued.length === 0 &&
      this.#carried < maxTransactionsPerCommit;
    if (idleOpen) {
      // The open SQLite transaction waits for its commit turn: join it.
    } else if (
      this.#running ||
      this.#opening ||
      this.#release !== undefined ||
      this.#queued.length > 0
    ) {
      await new Promise<void>((resolve, reject) => this.#queued.push({ resolve, reject }));
    } else {
      await this.#open();
    }
    this.#running = true;
    try {
      this.#exec(`savepoint ${savepoint}`);
    } catch (error) {
      this.#running = false;
      this.#next();
      throw error;
    }
  }

  /** Ends the running transaction's savepoint and resolves once its SQLite commit is done. */
  async commit(): Promise<void> {
    this.#exec(`release ${savepoint}`);
    this.#running = false;
    this.#carried += 1;
    const committed = new Promise<void>((resolve, reject) =>
      this.#committed.push({ resolve, reject }),
    );
    this.#next();
    return committed;
  }

  /** Undoes the running transaction's writes; the others in the batch still commit. */
  async rollback(): Promise<void> {
    try {
      if (this.#inTransaction()) {
        this.#exec(`rollback to ${savepoint}`);
        this.#exec(`release ${savepoint}`);
      }
    } finally {
      this.#running = false;
      this.#next();
    }
  }

  /** Commits a batch still waiting for its turn, before the connection closes. */
  flush(): void {
    if (this.#flushScheduled !== undefined && !this.#running) this.#commitNow();
  }

  async #open(): Promise<void> {
    this.#opening = true;
    try {
      const release = await this.#lock.acquire();
      try {
        // IMMEDIATE takes the file's write lock up front, where busy_timeout applies.
        this.#exec('begin immediate');
      } catch (error) {
        release();
        throw error;
      }
      this.#release = release;
    } finally {
      this.#opening = false;
    }
  }

  /**
   * Hands the open SQLite transaction to the next queued transaction, or
   * commits it one event-loop turn later: the requests whose I/O arrived
   * meanwhile start their transactions in it first. (SQLite calls are
   * synchronous, so without that turn no transaction would ever find another
   * waiting.)
   */
  #next(): void {
    // SQLite rolls the whole transaction back by itself on some errors (disk full, I/O).
    const open = this.#inTransaction();
    if (open && this.#carried < maxTransactionsPerCommit) {
      const queued = this.#queued.shift();
      if (queued !== undefined) {
        queued.resolve();
        return;
      }
      if (this.#committed.length > 0) {
        this.#flushScheduled ??= setImmediate(() => {
          this.#flushScheduled = undefined;
          if (!this.#running && this.#queued.length === 0) this.#commitNow();
        });
        return;
      }
    }
    this.#commitNow();
  }

  #commitNow(): void {
    if (this.#flushScheduled !== undefined) {
      clearImmediate(this.#flushScheduled);
      this.#flushScheduled = undefined;
    }
    const open = this.#inTransaction();
    const committed = this.#committed;
    this.#committed = [];
    this.#carried = 0;
    let failure: unknown;
    if (open) {
      try {
        this.#exec('commit');
      } catch (error) {
        failure = error;
        if (this.#inTransaction()) this.#exec('rollback');
      }
    } else if (committed.length > 0) {
      failure = new Error('SQLite rolled the transaction back before it could commit.');
    }
    const release = this.#release;
    this.#release = undefined;
    release?.();
    for (const waiter of committed) {
      if (failure === undefined) waiter.resolve();
      else waiter.reject(failure);
    }
    const next = this.#queued.shift();
    if (next !== undefined) {
      this.#open().then(next.resolve, (error: unknown) => {
        next.reject(error);
        this.#next();
      });
    }
  }

  #exec(sql: string): void {
    this.#writer.prepare(sql).run([]);
  }
}
