import { afterEach, describe, expect, it } from 'vitest';
import { forgetAttemptLimit, lockAttemptLimit } from '../../src/repositories/attempt-limits';
import { dialects, type TestDatabase } from '../dialects';
import { t0 } from './fixtures';

describe.each(dialects)('attempt limits on %s', (_dialect, factory) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('locks a counter even while a client that proved the secret forgets it', async () => {
    t = await factory.create();
    const { store } = t;
    const stamp = t0.toISOString();
    const lock = () =>
      store.transaction((trx) => lockAttemptLimit(trx, 'enrollment_code', 'client', stamp));
    // The race a burst of guesses runs into: one guess succeeds and forgets the counter while
    // another is taking it. The lock must hand back a counter (a new one), never nothing.
    for (let round = 0; round < 100; round += 1) {
      await lock();
      const [locked] = await Promise.all([
        lock(),
        forgetAttemptLimit(store.db, 'enrollment_code', 'client'),
      ]);
      expect(locked).toMatchObject({ scope: 'enrollment_code', client: 'client' });
    }
  });
});
