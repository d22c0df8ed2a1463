import { ConnApiError, ConnClient } from '@conn/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { runServerCommand } from './run-server-command';
import { ownerPassword, serverDialects, startTestServer, type TestServer } from './test-server';

const dialects = await serverDialects();
const changed = 'chosen in the console settings';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnApiError) return error.code;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe.each(dialects)('the owner password on %s', (dialect) => {
  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('changes from one session, ends the others, and a restart with the first-boot setting does not undo it', {
    timeout: 60_000,
  }, async () => {
    t = await startTestServer({ dialect });
    const anonymous = new ConnClient({ baseUrl: t.url });
    const owner = anonymous.withToken(await t.login());
    const otherSession = anonymous.withToken(await t.login());
    const { token } = await owner.createAgentToken('assistant');
    const agent = anonymous.withToken(token);

    expect(await codeOf(owner.changePassword('not the password', changed))).toBe(
      'current_password_incorrect',
    );
    expect(await codeOf(agent.changePassword(ownerPassword, changed))).toBe(
      'owner_session_required',
    );
    expect(await codeOf(owner.changePassword(ownerPassword, 'too short'))).toBe('invalid_request');
    expect(await owner.changePassword(ownerPassword, changed)).toEqual({ ended_sessions: 1 });

    expect(await owner.connections()).toMatchObject({ items: [] });
    expect(await codeOf(otherSession.connections())).toBe('unauthenticated');
    expect(await agent.connections()).toMatchObject({ items: [] });
    expect(await codeOf(anonymous.login(ownerPassword))).toBe('invalid_credentials');

    // The same data, booted again with the old password still in the environment.
    t = await t.restart();
    const again = new ConnClient({ baseUrl: t.url });
    expect(await codeOf(again.login(ownerPassword))).toBe('invalid_credentials');
    expect(await again.login(changed)).toMatch(/^cos_/);
    expect(t.announced.join('')).not.toMatch(/password/i);
    const logs = t.logs.join('');
    expect(logs).not.toContain(changed);

    // Guessing the current password from a stolen session is rate-limited like login.
    const signedIn = again.withToken(await again.login(changed));
    const codes: string[] = [];
    for (let i = 0; i < 11; i += 1)
      codes.push(await codeOf(signedIn.changePassword(`guess number ${i}`, 'a guessed new one')));
    expect(codes.slice(0, 10)).toEqual(Array(10).fill('current_password_incorrect'));
    expect(codes[10]).toBe('rate_limited');
  });

  // Three one-shot processes from source: slow to start on a shared machine.
  it('conn-server reset-password prints a one-time password, or takes one from stdin, and ends every session', {
    timeout: 120_000,
  }, async () => {
    t = await startTestServer({ dialect });
    // The operator's own settings, as the running server has them.
    const env = {
      CONN_DATA_DIR: t.dataDir,
      CONN_DATABASE_URL: t.databaseUrl,
      CONN_PORT: new URL(t.url).port,
    };
    const session = new ConnClient({ baseUrl: t.url }).withToken(await t.login());

    const generated = await runServerCommand(['reset-password'], env);
    expect(generated.stderr).toBe('');
    expect(generated.code).toBe(0);
    const password = /The new owner password is (\S+)/.exec(generated.stdout)?.[1] ?? '';
    expect(password).toMatch(/^[\w-]{20,}$/);
    expect(generated.stdout).toContain('1 owner session ended');
    expect(generated.stdout).toContain(`${t.url}/console/`);
    expect(generated.stdout).not.toMatch(/CONN_/);
    expect(await codeOf(session.connections())).toBe('unauthenticated');
    const client = new ConnClient({ baseUrl: t.url });
    expect(await codeOf(client.login(ownerPassword))).toBe('invalid_credentials');
    await client.login(password);

    const chosen = await runServerCommand(
      ['reset-password', '--stdin'],
      env,
      'typed at the terminal\n',
    );
    expect(chosen).toMatchObject({ code: 0, stderr: '' });
    expect(chosen.stdout).not.toContain('typed at the terminal');
    expect(await client.login('typed at the terminal')).toMatch(/^cos_/);
    expect(await codeOf(client.login(password))).toBe('invalid_credentials');

    const short = await runServerCommand(['reset-password', '--stdin'], env, 'short\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 12 characters');
    expect(await client.login('typed at the terminal')).toMatch(/^cos_/);
  });
});
