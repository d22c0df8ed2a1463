import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ownerPassword,
  startTestServer,
  type TestServer,
} from '../../../apps/server/test/test-server';
import { type FakeGithub, startFakeGithub } from '../../connectors/test/github/fake-github';
import { type CliResult, cliEnv, conn, filesUnder, startConn, tempDir } from './cli-harness';

// A distinctive token: it must never come back out of the CLI, on screen or on disk.
const CANARY = 'ghp_CLIcanaryC4N4RYt0kenNeverLeaves987654';
const WRONG = 'ghp_wrongWRONGwrongWRONGwrongWRONG11111111';

describe('conn connect github through a loopback GitHub', () => {
  let github: FakeGithub;
  let server: TestServer;
  let config: Awaited<ReturnType<typeof tempDir>>;
  let env: Record<string, string>;
  const printed: CliResult[] = [];

  beforeAll(async () => {
    github = await startFakeGithub({ token: CANARY });
    server = await startTestServer({ dialect: 'sqlite' });
    config = await tempDir('conn-cli-github-');
    env = cliEnv({ CONN_SERVER: server.url, CONN_CONFIG_DIR: config.path, HOME: config.path });
  });
  afterAll(async () => {
    await server?.dispose();
    await github?.close();
    await config?.dispose();
  });

  it('logs in with a hidden password prompt on a terminal', async () => {
    const login = startConn(['login'], { env, pty: true });
    await login.waitFor('Owner password');
    login.send(`${ownerPassword}\r`);
    const result = await login.done;
    printed.push(result);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain(`Logged in to ${server.url} as the owner.`);
  });

  it('stops a proof-gated path without --unproven, in one plain sentence', async () => {
    const result = await conn(['connect', 'github'], { env });
    printed.push(result);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: GitHub has not been proven on this server yet\. To try it anyway .*--unproven\. \(unproven_path_not_confirmed\)\n$/,
    );
  });

  it('asks the API URL and the token at prompts, re-asks after a rejection, echoes the identity and follows the sync', async () => {
    const run = startConn(['connect', 'github', '--unproven', '--advanced'], { env, pty: true });
    await run.waitFor('API URL');
    run.send(`${github.apiUrl}\r`);
    await run.waitFor('When you submit, conn checks it with GitHub right away');
    await run.waitFor('Personal access token');
    run.send(`${WRONG}\r`);
    await run.waitFor('GitHub rejected this token (401)');
    await run.waitFor('Personal access token');
    run.send(`${CANARY}\r`);
    await run.waitFor('Connected as octocat.');
    const result = await run.done;
    printed.push(result);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain('Active — 8 records collected.');
    // The answered API URL reached the draft: the fake saw the token on /user.
    expect(github.requests.some((request) => request.path === '/user/repos')).toBe(true);
  });

  it('takes the same path from a script: --field for the URL, one stdin line per attempt at the token', async () => {
    const args = [
      'connect',
      'github',
      '--unproven',
      '--field',
      `api_url=${github.apiUrl}`,
      '--secret-stdin',
    ];
    // The token is octocat's again, already connected: a script must say what it wants.
    const same = await conn(args, { env, input: `${WRONG}\n${CANARY}\n` });
    printed.push(same);
    expect(same.code).toBe(1);
    expect(same.stdout).toContain('GitHub rejected this token (401)');
    expect(same.stderr).toBe(
      'error: GitHub account "octocat" is already connected as "octocat". Use this credential for that connection instead, or connect the account a second time on purpose. Run it again with --same-account update (that connection gets this credential) or --same-account keep (a second connection). (same_account)\n',
    );
    const result = await conn([...args, '--same-account', 'keep'], { env, input: `${CANARY}\n` });
    printed.push(result);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Connected as octocat.');
    expect(result.stdout).toMatch(/Active — 8 records collected\.\n$/);

    const rejected = await conn(args, { env, input: `${WRONG}\n` });
    printed.push(rejected);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(
      /^error: GitHub rejected this token \(401\).*\(credential_rejected\)\n$/,
    );

    const onCommandLine = await conn(['connect', 'github', '--field', `token=${CANARY}`], { env });
    expect(onCommandLine.code).toBe(1);
    expect(onCommandLine.stderr).toMatch(/never taken from the command line/);
  });

  it('lists both connections, and the first success made the path proven', async () => {
    const list = await conn(['connections'], { env });
    printed.push(list);
    expect(list.stdout.match(/octocat \(github\)/g)).toHaveLength(2);
    const plan = await conn(['plan', 'github'], { env });
    printed.push(plan);
    expect(plan.stdout).toContain('GitHub: ready to connect on this server.');
  });

  it('puts a token of an account already connected on that connection with --same-account update', async () => {
    const before = await conn(['connections', '--json'], { env });
    const ids = (JSON.parse(before.stdout) as { items: { connection_id: string }[] }).items.map(
      (item) => item.connection_id,
    );
    const args = ['connect', 'github', '--field', `api_url=${github.apiUrl}`, '--secret-stdin'];
    const updated = await conn([...args, '--same-account', 'update'], {
      env,
      input: `${CANARY}\n`,
    });
    printed.push(updated);
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.stdout).toMatch(/Updated the credential of "octocat" \(con_\w+\)\./);
    const after = await conn(['connections', '--json'], { env });
    const now = (JSON.parse(after.stdout) as { items: { connection_id: string }[] }).items.map(
      (item) => item.connection_id,
    );
    expect(now.sort()).toEqual(ids.sort());
  });

  it('revokes a connection, keeping its records, and reconnects it with a new token', async () => {
    const listed = await conn(['connections', '--json'], { env });
    const id = (JSON.parse(listed.stdout) as { items: { connection_id: string }[] }).items[0]
      ?.connection_id as string;
    const revoked = await conn(['revoke', id], { env });
    printed.push(revoked);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain(
      'octocat: Revoked: collection stopped and the collected records are kept.',
    );
    expect(revoked.stdout).toContain('Records collected: 8.');

    const reconnected = await conn(['reconnect', id, '--secret-stdin'], {
      env,
      input: `${CANARY}\n`,
    });
    printed.push(reconnected);
    expect(reconnected.code, reconnected.stderr).toBe(0);
    expect(reconnected.stdout).toContain('Connected as octocat.');
    expect(reconnected.stdout).toMatch(/Active — 8 records collected\.\n$/);
    const status = await conn(['status', id, '--json'], { env });
    expect(JSON.parse(status.stdout)).toMatchObject({
      connection_id: id,
      setup_state: 'active',
      records_total: 8,
    });
  });

  it('never shows the token or the owner password, nor stores them; the session file is 0600', async () => {
    for (const result of printed) {
      for (const text of [result.stdout, result.stderr]) {
        expect(text).not.toContain(CANARY);
        expect(text).not.toContain(ownerPassword);
      }
    }
    const files = await filesUnder(config.path);
    expect(files.map((file) => file.path.slice(config.path.length))).toEqual(['/sessions.json']);
    for (const file of files) {
      expect(file.text).not.toContain(CANARY);
      expect(file.text).not.toContain(ownerPassword);
      expect(file.mode).toBe(0o600);
    }
  });
});
