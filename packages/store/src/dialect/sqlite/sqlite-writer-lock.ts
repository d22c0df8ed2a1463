/**
 * A FIFO mutex for the one writer a SQLite file allows, shared by every Store
 * of this process that opened the same file (see {@link sqliteWriterLockFor}).
 *
 * @example
 * const release = await lock.acquire();
 * try { … } finally { release(); }
 */
export class SqliteWriterLock {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves with the release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const turn = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => released);
    return turn;
  }
}

interface SharedLock {
  readonly lock: SqliteWriterLock;
  users: number;
}

const locksByFile = new Map<string, SharedLock>();

/**
 * The writer lock for a SQLite file (by its real path), and a function that
 * drops this user's reference. `undefined` (an in-memory database) always gets
 * a lock of its own, since nothing else can open it.
 *
 * @example
 * const { lock, unref } = sqliteWriterLockFor('/data/conn.db');
 * // … on close:
 * unref();
 */
export function sqliteWriterLockFor(realPath: string | undefined): {
  lock: SqliteWriterLock;
  unref: () => void;
} {
  if (realPath === undefined) return { lock: new SqliteWriterLock(), unref: () => {} };
  let shared = locksByFile.get(realPath);
  if (!shared) {
    shared = { lock: new SqliteWriterLock(), users: 0 };
    locksByFile.set(realPath, shared);
  }
  shared.users += 1;
  const entry = shared;
  let done = false;
  return {
    lock: entry.lock,
    unref: () => {
      if (done) return;
      done = true;
      entry.users -= 1;
      if (entry.users === 0 && locksByFile.get(realPath) === entry) locksByFile.delete(realPath);
    },
  };
}
