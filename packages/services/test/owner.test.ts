import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../src/index';
import { assertCsrf } from '../src/owner/assert-csrf';
import { bearerKindOf } from '../src/owner/bearer-kind-of';
import {
  dialects,
  errorCodeOf,
  keyedVault,
  readyDeployment,
  TestClock,
  type TestDatabase,
  testClient,
  testRegistry,
} from './harness';

const day = 86_400_000;

describe.each(dialects)(
  'the owner account, sessions and agent tokens on %s',
  (_dialect, factory) => {
    let db: TestDatabase;
    let clock: TestClock;
    let services: Services;

    beforeEach(async () => {
      db = await factory.create();
      clock = new TestClock();
      services = createServices({
        store: db.store,
        vault: keyedVault(),
        registry: testRegistry(),
        deployment: readyDeployment,
        clock: clock.now,
      });
    });
    afterEach(async () => {
      await db.dispose();
    });

    it('creates the owner once with a generated password; a later operator password changes nothing', async () => {
      const first = await services.ensureOwner(null);
      expect(first.generatedPassword).toMatch(/^[\w-]+$/);
      const again = await services.ensureOwner(null);
      expect(again).toEqual({ ownerId: first.ownerId, generatedPassword: null });
      const session = await services.login(first.generatedPassword ?? '', testClient);
      expect(session.token.startsWith('cos_')).toBe(true);

      // The first-boot setting applies only while no owner exists.
      expect(await services.ensureOwner('operator-given password')).toEqual({
        ownerId: first.ownerId,
        generatedPassword: null,
      });
      expect(await errorCodeOf(() => services.login('operator-given password', testClient))).toBe(
        'invalid_credentials',
      );
      expect(await errorCodeOf(() => services.login('wrong', testClient))).toBe(
        'invalid_credentials',
      );
      expect((await services.login(first.generatedPassword ?? '', testClient)).token).toMatch(
        /^cos_/,
      );
    });

    it('creates one owner when several servers boot at once on an empty database', async () => {
      const others = [db.open(), db.open(), db.open()].map((store) =>
        createServices({
          store,
          vault: keyedVault(),
          registry: testRegistry(),
          deployment: readyDeployment,
        }),
      );
      const ensured = await Promise.all(
        [services, ...others].map((each) => each.ensureOwner('the same first password')),
      );
      expect(new Set(ensured.map((owner) => owner.ownerId)).size).toBe(1);
      expect(await db.store.db.selectFrom('owners').select('id').execute()).toHaveLength(1);
    });

    it('changes the password from one session, ends the other sessions and keeps agent tokens', async () => {
      const { ownerId } = await services.ensureOwner('first password');
      const current = await services.login('first password', testClient);
      const other = await services.login('first password', testClient);
      const cli = await services.issueOwnerSession(ownerId);
      const agent = await services.createAgentToken(ownerId, 'assistant');
      const caller = { ownerId, sessionId: current.sessionId, client: testClient };

      expect(
        await errorCodeOf(() =>
          services.changeOwnerPassword(caller, 'not it', 'a brand new password'),
        ),
      ).toBe('current_password_incorrect');
      expect(await services.findOwnerSession(other.token)).not.toBeNull();

      expect(
        await services.changeOwnerPassword(caller, 'first password', 'a brand new password'),
      ).toEqual({ ended_sessions: 2 });
      expect(await services.findOwnerSession(current.token)).not.toBeNull();
      expect(await services.findOwnerSession(other.token)).toBeNull();
      expect(await services.findOwnerSession(cli.token)).toBeNull();
      expect(await services.findAgentToken(agent.token)).not.toBeNull();
      expect(await errorCodeOf(() => services.login('first password', testClient))).toBe(
        'invalid_credentials',
      );
      expect((await services.login('a brand new password', testClient)).token).toMatch(/^cos_/);

      // A restart with the first-boot setting still set does not undo the change.
      await services.ensureOwner('first password');
      expect(await errorCodeOf(() => services.login('first password', testClient))).toBe(
        'invalid_credentials',
      );
      const audit = await db.store.db
        .selectFrom('audit_events')
        .select(['action', 'details_json'])
        .where('action', '=', 'owner.password_changed')
        .execute();
      expect(audit).toEqual([
        { action: 'owner.password_changed', details_json: '{"ended_sessions":2}' },
      ]);
      expect(JSON.stringify(audit)).not.toContain('brand new');
    });

    it('resets a lost password from the terminal: a one-time password or a given one, every session ended', async () => {
      expect(await errorCodeOf(() => services.resetOwnerPassword(null))).toBe('invalid_request');
      const { ownerId } = await services.ensureOwner('first password');
      const session = await services.login('first password', testClient);
      const agent = await services.createAgentToken(ownerId, 'assistant');

      const generated = await services.resetOwnerPassword(null);
      expect(generated.generatedPassword).toMatch(/^[\w-]{20,}$/);
      expect(generated.endedSessions).toBe(1);
      expect(await services.findOwnerSession(session.token)).toBeNull();
      expect(await services.findAgentToken(agent.token)).not.toBeNull();
      expect(await errorCodeOf(() => services.login('first password', testClient))).toBe(
        'invalid_credentials',
      );
      await services.login(generated.generatedPassword ?? '', testClient);

      expect(await services.resetOwnerPassword('chosen at the terminal')).toEqual({
        generatedPassword: null,
        endedSessions: 1,
      });
      await services.login('chosen at the terminal', testClient);
    });

    it('finds a session until it is revoked or thirty days have passed, and checks its CSRF token', async () => {
      const { ownerId } = await services.ensureOwner('pw');
      const session = await services.login('pw', testClient);
      const found = await services.findOwnerSession(session.token);
      expect(found).toMatchObject({ id: session.sessionId, owner_id: ownerId });
      expect(() => assertCsrf(found?.csrf_hash ?? '', session.csrfToken)).not.toThrow();
      expect(() => assertCsrf(found?.csrf_hash ?? '', 'csrf_forged')).toThrow(
        expect.objectContaining({ code: 'csrf_rejected' }),
      );
      expect(await services.findOwnerSession('cos_unknown')).toBeNull();

      const other = await services.issueOwnerSession(ownerId);
      await services.revokeOwnerSession(session.sessionId);
      expect(await services.findOwnerSession(session.token)).toBeNull();
      expect(await services.findOwnerSession(other.token)).not.toBeNull();
      clock.advance(30 * day);
      expect(await services.findOwnerSession(other.token)).toBeNull();
    });

    it('lets an agent token with a lifetime stop working by itself when it ends', async () => {
      const { ownerId } = await services.ensureOwner('pw');
      const created = await services.createAgentToken(ownerId, 'trial', { expiresInDays: 7 });
      const ends = Date.parse(created.agent_token.expires_at ?? '');
      expect(ends - Date.parse(created.agent_token.created_at)).toBe(7 * day);
      expect(await services.findAgentToken(created.token)).not.toBeNull();
      // The test clock ticks a millisecond per reading: stop two short of the end.
      clock.advance(ends - clock.now().getTime() - 2);
      expect(await services.findAgentToken(created.token)).not.toBeNull();
      clock.advance(1);
      expect(await services.findAgentToken(created.token)).toBeNull();
      // The list still shows it, with the moment it ended.
      expect((await services.listAgentTokens(ownerId))[0]?.expires_at).toBe(
        created.agent_token.expires_at,
      );
      const lasting = await services.createAgentToken(ownerId, 'assistant');
      expect(lasting.agent_token.expires_at).toBeNull();
      clock.advance(3_650 * day);
      expect(await services.findAgentToken(lasting.token)).not.toBeNull();
    });

    it("creates, lists and revokes the owner's agent tokens, and never another owner's", async () => {
      const { ownerId } = await services.ensureOwner('pw');
      const created = await services.createAgentToken(ownerId, 'assistant');
      expect(bearerKindOf(created.token)).toBe('agent');
      expect(created.agent_token).toMatchObject({ name: 'assistant', revoked_at: null });
      expect(await services.findAgentToken(created.token)).toEqual({
        id: created.agent_token.id,
        owner_id: ownerId,
      });
      // Its use is recorded, to the minute: a second call within it writes nothing new.
      const [used] = await services.listAgentTokens(ownerId);
      expect(used?.last_used_at).not.toBeNull();
      await services.findAgentToken(created.token);
      expect((await services.listAgentTokens(ownerId))[0]?.last_used_at).toBe(used?.last_used_at);
      clock.advance(61_000);
      await services.findAgentToken(created.token);
      const later = (await services.listAgentTokens(ownerId))[0]?.last_used_at ?? '';
      expect(Date.parse(later)).toBeGreaterThan(Date.parse(used?.last_used_at ?? ''));
      expect(await services.listAgentTokens(ownerId)).toEqual([
        { ...created.agent_token, last_used_at: later },
      ]);

      await db.store.db
        .insertInto('owners')
        .values({
          id: 'own_other',
          password_hash: 'scrypt$test',
          created_at: '2030-01-01T00:00:00Z',
        })
        .execute();
      expect(
        await errorCodeOf(() => services.revokeAgentToken('own_other', created.agent_token.id)),
      ).toBe('agent_token_not_found');
      expect(await services.listAgentTokens('own_other')).toEqual([]);

      const revoked = await services.revokeAgentToken(ownerId, created.agent_token.id);
      expect(revoked.revoked_at).not.toBeNull();
      expect(await services.revokeAgentToken(ownerId, created.agent_token.id)).toEqual(revoked);
      expect(await services.findAgentToken(created.token)).toBeNull();
    });

    it('tells bearer kinds apart by their prefix', () => {
      expect(bearerKindOf('cos_x')).toBe('owner_session');
      expect(bearerKindOf('coa_x')).toBe('agent');
      expect(bearerKindOf('coc_x')).toBe('collector');
      expect(bearerKindOf('csrf_x')).toBeNull();
    });
  },
);
