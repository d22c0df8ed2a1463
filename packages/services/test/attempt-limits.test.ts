import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../src/index';
import {
  dialects,
  keyedVault,
  readyDeployment,
  TestClock,
  type TestDatabase,
  testClient,
  testRegistry,
} from './harness';

const minute = 60_000;
const password = 'the owner password';
const stranger = '198.51.100.23';

/** The code and `retry_after_seconds` a call failed with, or 'ok'. */
async function outcomeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    const { code, details } = error as {
      code?: string;
      details?: { retry_after_seconds?: number };
    };
    return details?.retry_after_seconds === undefined
      ? String(code)
      : `${code} ${details.retry_after_seconds}s`;
  }
}

describe.each(dialects)('guess limits on %s', (_dialect, factory) => {
  let db: TestDatabase;
  let clock: TestClock;
  let services: Services;

  const servicesOn = (store = db.store) =>
    createServices({
      store,
      vault: keyedVault(),
      registry: testRegistry(),
      deployment: readyDeployment,
      clock: clock.now,
    });

  beforeEach(async () => {
    db = await factory.create();
    clock = new TestClock();
    services = servicesOn();
    await services.ensureOwner(password);
  });
  afterEach(async () => {
    await db.dispose();
  });

  const wrongLogins = async (count: number, client = testClient, on = services) => {
    const outcomes: string[] = [];
    for (let i = 0; i < count; i++) outcomes.push(await outcomeOf(on.login('not it', client)));
    return outcomes;
  };

  it('makes a guesser wait, longer each time, up to fifteen minutes', async () => {
    expect(await wrongLogins(10)).toEqual(Array(10).fill('invalid_credentials'));
    expect(await wrongLogins(1)).toEqual(['rate_limited 60s']);
    // While it waits, even the right password is not tried.
    expect(await outcomeOf(services.login(password, testClient))).toMatch(/^rate_limited/);
    clock.advance(30_000);
    expect(await wrongLogins(1)).toEqual(['rate_limited 30s']);

    const waits: string[] = [];
    clock.advance(30_000);
    for (let round = 0; round < 6; round++) {
      const outcomes = await wrongLogins(11);
      expect(outcomes.slice(0, 10)).toEqual(Array(10).fill('invalid_credentials'));
      waits.push(outcomes[10] ?? '');
      clock.advance(15 * minute);
    }
    expect(waits).toEqual([
      'rate_limited 120s',
      'rate_limited 240s',
      'rate_limited 480s',
      'rate_limited 900s',
      'rate_limited 900s',
      'rate_limited 900s',
    ]);
  });

  it('keeps another address out of it, so a stranger cannot lock the owner out', async () => {
    await wrongLogins(11, stranger);
    expect(await outcomeOf(services.login(password, testClient))).toBe('ok');
  });

  it('forgets a client that signs in, and one quiet for a day', async () => {
    await wrongLogins(9);
    expect(await outcomeOf(services.login(password, testClient))).toBe('ok');
    expect(await wrongLogins(10)).toEqual(Array(10).fill('invalid_credentials'));

    await wrongLogins(1, stranger);
    clock.advance(24 * 60 * minute + 1);
    expect((await services.sweepExpired()).attempt_limits).toBe(2);
    expect(await db.store.db.selectFrom('attempt_limits').selectAll().execute()).toEqual([]);
  });

  it('counts login and the password change check as guesses at one secret', async () => {
    const { ownerId } = await services.ensureOwner(null);
    const session = await services.login(password, testClient);
    const caller = { ownerId, sessionId: session.sessionId, client: testClient };
    for (let i = 0; i < 10; i++) {
      expect(
        await outcomeOf(services.changeOwnerPassword(caller, 'not it', 'a new password!')),
      ).toBe('current_password_incorrect');
    }
    expect(await wrongLogins(1)).toEqual(['rate_limited 60s']);
  });

  it('shares the count between servers on one database and keeps it across a restart', async () => {
    const replica = servicesOn(db.open());
    await wrongLogins(5);
    await wrongLogins(5, testClient, replica);
    expect(await wrongLogins(1, testClient, replica)).toEqual(['rate_limited 60s']);
    // A restarted server reads the same counter.
    expect(await wrongLogins(1, testClient, servicesOn(db.open()))).toEqual(['rate_limited 60s']);
  });

  it('lets through exactly the budget of a burst of concurrent guesses', async () => {
    const replica = servicesOn(db.open());
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        outcomeOf((i % 2 === 0 ? services : replica).login('not it', testClient)),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'invalid_credentials')).toHaveLength(10);
    expect(outcomes.filter((outcome) => outcome.startsWith('rate_limited'))).toHaveLength(30);
  });

  it('limits enrollment-code guesses per address; a device elsewhere still enrolls', async () => {
    const { ownerId } = await services.ensureOwner(null);
    const grant = await services.mintEnrollmentCode(ownerId, { connector: 'claude-code' });
    const guesses: string[] = [];
    for (let i = 0; i < 21; i++) {
      guesses.push(
        await outcomeOf(services.exchangeEnrollmentCode('AAAA-BBBB-CCCC', 'pc', stranger)),
      );
    }
    expect(guesses.slice(0, 20)).toEqual(Array(20).fill('enrollment_code_invalid'));
    expect(guesses[20]).toBe('rate_limited 60s');
    // A bad device name guesses nothing and is not counted against the address.
    expect(
      await outcomeOf(services.exchangeEnrollmentCode(grant.enrollment_code, '', testClient)),
    ).toBe('invalid_request');
    expect(
      await outcomeOf(services.exchangeEnrollmentCode(grant.enrollment_code, 'laptop', testClient)),
    ).toBe('ok');
  });
});
