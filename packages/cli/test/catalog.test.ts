import { ConnClient } from '@conn/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ownerPassword,
  startTestServer,
  type TestServer,
} from '../../../apps/server/test/test-server';
import { cliEnv, conn, filesUnder, loginWithStdin, tempDir } from './cli-harness';

describe('conn catalog commands against a real server', () => {
  let server: TestServer;
  let config: Awaited<ReturnType<typeof tempDir>>;
  let env: Record<string, string>;
  let ownerToken: string;

  beforeAll(async () => {
    server = await startTestServer({ dialect: 'sqlite' });
    config = await tempDir('conn-cli-catalog-');
    env = cliEnv({ CONN_SERVER: server.url, CONN_CONFIG_DIR: config.path, HOME: config.path });
    await loginWithStdin(env, ownerPassword);
    ownerToken = await server.login();
  });
  afterAll(async () => {
    await server?.dispose();
    await config?.dispose();
  });

  const raw = async (path: string) => {
    const response = await fetch(`${server.url}${path}`, {
      headers: { authorization: `Bearer ${ownerToken}` },
    });
    expect(response.status).toBe(200);
    return response.text();
  };

  it('prints every plan byte for byte as REST and the SDK give it', async () => {
    const catalog = JSON.parse(await raw('/v1/owner/connectors')) as {
      connectors: { plan: { connector: { key: string } } }[];
    };
    const keys = catalog.connectors.map((entry) => entry.plan.connector.key);
    expect(keys.length).toBeGreaterThanOrEqual(8);
    const sdk = new ConnClient({ baseUrl: server.url, token: ownerToken });
    for (const key of keys) {
      const body = await raw(`/v1/owner/connectors/${key}/setup-plan`);
      const printed = await conn(['plan', key, '--json'], { env });
      expect(printed.code, printed.stderr).toBe(0);
      expect(printed.stderr).toBe('');
      expect(printed.stdout).toBe(`${body}\n`);
      expect(JSON.stringify(await sdk.plan(key))).toBe(body);
    }
  });

  it('prints the catalog, readiness and connections as their REST bodies with --json', async () => {
    for (const [args, path] of [
      [['connectors', '--json'], '/v1/owner/connectors'],
      [['readiness', '--json'], '/v1/owner/deployment/readiness'],
      [['connections', '--json'], '/v1/owner/connections'],
    ] as const) {
      const printed = await conn(args, { env });
      expect(printed.code, printed.stderr).toBe(0);
      expect(printed.stdout).toBe(`${await raw(path)}\n`);
    }
  });

  it('describes the catalog and a plan in words, without raw vocabulary values', async () => {
    const list = await conn(['connectors'], { env });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/GitHub \(github\): not proven on this server yet/);
    expect(list.stdout).toMatch(/Claude Code \(claude-code\): ready to connect/);
    expect(list.stdout).not.toMatch(/proof_gated|static_secret|local_collector/);
    // A connector that cannot be set up here says why, right under its name.
    const lines = list.stdout.split('\n');
    for (const [index, line] of lines.entries()) {
      if (line.endsWith(': not available')) expect(lines[index + 1]).toMatch(/^ {2}\S.+\.$/);
    }
    expect(lines.some((line) => line.endsWith(': not available'))).toBe(true);
    const plan = await conn(['plan', 'claude-code'], { env });
    expect(plan.stdout).toContain('Claude Code: ready to connect on this server.');
    expect(plan.stdout).toContain(
      `npx -y ${server.url}/cli/conn-cli.tgz collector enroll --server ${server.url} --code`,
    );
    const readiness = await conn(['readiness'], { env });
    expect(readiness.code).toBe(0);
    expect(readiness.stdout).toMatch(/Credential key: /);
  });

  it('fails with one stderr line carrying the server error code, never a stack', async () => {
    const unknown = await conn(['plan', 'no-such-connector'], { env });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/connector_not_found/);
    expect(unknown.stderr).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);

    const connect = await conn(['connect', 'no-such-connector'], { env });
    expect(connect.code).not.toBe(0);
    expect(connect.stderr).toMatch(/^error: .*\(connector_not_found\)\n$/);

    const badFlag = await conn(['plan', 'github', '--jsno'], { env });
    expect(badFlag.code).not.toBe(0);
    expect(badFlag.stderr.trimEnd().split('\n')).toHaveLength(1);

    const anonymous = await conn(['connectors'], {
      env: { ...env, CONN_CONFIG_DIR: `${config.path}/nobody` },
    });
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toMatch(
      /^error: Not logged in to .+conn login.+\(unauthenticated\)\n$/,
    );

    const unreachable = await conn(['connectors', '--server', 'http://127.0.0.1:9'], {
      env: { ...env, CONN_TOKEN: 'coa_x' },
    });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(
      /^error: Could not reach the conn server at http:\/\/127\.0\.0\.1:9 .*\n$/,
    );
  });

  it('manages owner-agent tokens and reads with CONN_TOKEN; the token works until revoked', async () => {
    const created = await conn(['tokens', 'create', '--name', 'assistant', '--json'], { env });
    expect(created.code, created.stderr).toBe(0);
    const { token, agent_token } = JSON.parse(created.stdout) as {
      token: string;
      agent_token: { id: string };
    };
    const agentEnv = { ...env, CONN_TOKEN: token, CONN_CONFIG_DIR: `${config.path}/agent` };
    expect((await conn(['plan', 'github', '--json'], { env: agentEnv })).code).toBe(0);

    const listed = await conn(['tokens', 'list'], { env });
    expect(listed.stdout).toContain(agent_token.id);
    expect(listed.stdout).not.toContain(token);
    // An agent token cannot manage tokens: that is the owner's.
    const refused = await conn(['tokens', 'list'], { env: agentEnv });
    expect(refused.stderr).toMatch(/\(owner_session_required\)\n$/);

    const revoked = await conn(['tokens', 'revoke', agent_token.id], { env });
    expect(revoked.code).toBe(0);
    const after = await conn(['plan', 'github'], { env: agentEnv });
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/\(unauthenticated\)\n$/);
  });

  it('creates an agent token with a lifetime, says when it ends, and refuses a lifetime it cannot keep', async () => {
    const created = await conn(['tokens', 'create', '--name', 'trial', '--expires-in-days', '30'], {
      env,
    });
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^Created trial \(agt_\w+\); it expires in 30 days \(.+\)\.\n/);
    const listed = await conn(['tokens', 'list'], { env });
    expect(listed.stdout).toMatch(/trial .*last used never, expires in 30 days/);
    const refused = await conn(['tokens', 'create', '--name', 'x', '--expires-in-days', '0'], {
      env,
    });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Give a whole number of days from 1 to 365.');
  });

  it('keeps the session token in a 0600 file and logs out', async () => {
    const files = await filesUnder(config.path);
    const sessions = files.find((file) => file.path.endsWith('sessions.json'));
    expect(sessions?.mode).toBe(0o600);
    expect(sessions?.text).toContain(server.url);
    expect(files.some((file) => file.text.includes(ownerPassword))).toBe(false);

    const separate = await tempDir('conn-cli-logout-');
    const logoutEnv = { ...env, CONN_CONFIG_DIR: separate.path };
    await loginWithStdin(logoutEnv, ownerPassword);
    const out = await conn(['logout'], { env: logoutEnv });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Logged out of ${server.url}`);
    expect(await filesUnder(separate.path)).toEqual([]);
    const again = await conn(['connectors'], { env: logoutEnv });
    expect(again.stderr).toMatch(/\(unauthenticated\)/);
    await separate.dispose();
  });
});
