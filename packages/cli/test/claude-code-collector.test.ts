import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ownerPassword,
  startTestServer,
  type TestServer,
} from '../../../apps/server/test/test-server';
import {
  cliEnv,
  conn,
  filesUnder,
  loginWithStdin,
  repoRoot,
  startConn,
  tempDir,
} from './cli-harness';

const fixtures = join(repoRoot, 'packages/connectors/test/fixtures/claude-code');

describe('conn connect claude-code with the device collector', () => {
  let server: TestServer;
  let owner: Awaited<ReturnType<typeof tempDir>>;
  let device: Awaited<ReturnType<typeof tempDir>>;
  let ownerEnv: Record<string, string>;
  let deviceEnv: Record<string, string>;
  let ownerToken: string;
  /** The connection the first test enrolled this device for. */
  let enrolledId = '';

  beforeAll(async () => {
    server = await startTestServer({ dialect: 'sqlite' });
    owner = await tempDir('conn-cli-owner-');
    device = await tempDir('conn-cli-device-');
    ownerEnv = cliEnv({ CONN_SERVER: server.url, CONN_CONFIG_DIR: owner.path, HOME: owner.path });
    // The device has no owner session: only what `collector enroll` gives it.
    deviceEnv = cliEnv({
      CONN_SERVER: server.url,
      CONN_CONFIG_DIR: device.path,
      HOME: device.path,
    });
    await loginWithStdin(ownerEnv, ownerPassword);
    ownerToken = await server.login();
  });
  afterAll(async () => {
    await server?.dispose();
    await owner?.dispose();
    await device?.dispose();
  });

  const recordsTotal = async (id: string) => {
    const response = await fetch(`${server.url}/v1/owner/connections/${id}/setup-status`, {
      headers: { authorization: `Bearer ${ownerToken}` },
    });
    return ((await response.json()) as { records_total: number }).records_total;
  };

  it('prints a code and the device command, enrolls, collects once, and follows the setup to active', async () => {
    const connect = startConn(['connect', 'claude-code'], { env: ownerEnv });
    const command = await connect.waitFor(
      /conn-cli\.tgz collector enroll --server \S+ --code (\S+)/,
    );
    const code = command[1] as string;
    const id = (await connect.waitFor(/conn status (\S+) --watch/))[1] as string;
    enrolledId = id;
    expect(connect.output().stdout).toMatch(
      /Enrollment code: \S+ \(one-time, expires in 15 minutes \(\d\d:\d\d\)\)/,
    );
    expect(connect.output().stdout).toContain(
      `npx -y ${server.url}/cli/conn-cli.tgz collector run claude-code --once`,
    );
    const watch = startConn(['status', id, '--watch'], { env: ownerEnv });
    await watch.waitFor('Waiting for the collector on your device to send its first records.');

    const enrolled = await conn(
      ['collector', 'enroll', '--code', code, '--device-name', 'test-laptop'],
      {
        env: deviceEnv,
      },
    );
    expect(enrolled.code, enrolled.stderr).toBe(0);
    expect(enrolled.stdout).toContain(`Enrolled test-laptop for Claude Code (connection ${id}).`);
    const reused = await conn(['collector', 'enroll', '--code', code], { env: deviceEnv });
    expect(reused.code).toBe(1);
    expect(reused.stderr).toMatch(/\(enrollment_code_invalid\)\n$/);

    const run = await conn(['collector', 'run', 'claude-code', '--once', '--path', fixtures], {
      env: deviceEnv,
    });
    expect(run.code, run.stderr).toBe(0);
    const sent = /Claude Code: sent (\d+) records \(messages \d+, sessions \d+\)/.exec(run.stdout);
    expect(sent, run.stdout).not.toBeNull();

    const connected = await connect.done;
    expect(connected.code, connected.stderr).toBe(0);
    const total = await recordsTotal(id);
    expect(total).toBe(Number(sent?.[1]));
    expect(connected.stdout).toContain(`Active — ${total} records collected.`);

    const watched = await watch.done;
    expect(watched.code, watched.stderr).toBe(0);
    // The device name the collector enrolled with is its identity, never the connector key.
    expect(watched.stdout).toContain('test-laptop: Connected and collecting.');
    // The last drawing ends with the records, and the collector's last pass once it has ended.
    expect(watched.stdout).toMatch(
      new RegExp(`Records collected: ${total}\\.\\n(Last synced [^\\n]+\\.\\n)?$`),
    );

    // A second run sends the same records again: the server upserts them by key.
    const again = await conn(['collector', 'run', 'claude-code', '--once', '--path', fixtures], {
      env: deviceEnv,
    });
    expect(again.code, again.stderr).toBe(0);
    expect(await recordsTotal(id)).toBe(total);
    const status = await conn(['status', id, '--json'], { env: ownerEnv });
    expect(JSON.parse(status.stdout)).toMatchObject({
      setup_state: 'active',
      records_total: total,
    });

    // After a revoke, reconnect lands on this connection's own step: a new code, then the device.
    expect((await conn(['revoke', id], { env: ownerEnv })).code).toBe(0);
    const reconnect = startConn(['reconnect', id], { env: ownerEnv });
    const fresh = (
      await reconnect.waitFor(/conn-cli\.tgz collector enroll --server \S+ --code (\S+)/)
    )[1] as string;
    const reenrolled = await conn(
      ['collector', 'enroll', '--code', fresh, '--device-name', 'test-laptop'],
      { env: deviceEnv },
    );
    expect(reenrolled.code, reenrolled.stderr).toBe(0);
    const rerun = await conn(['collector', 'run', 'claude-code', '--once', '--path', fixtures], {
      env: deviceEnv,
    });
    expect(rerun.code, rerun.stderr).toBe(0);
    const repaired = await reconnect.done;
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(repaired.stdout).toContain(`Active — ${total} records collected.`);
  });

  it('keeps the owner waiting through an empty pass, says what the device reported, and connects on the next pass', async () => {
    const second = await tempDir('conn-cli-device2-');
    const empty = await tempDir('conn-cli-empty-');
    try {
      const env = cliEnv({
        CONN_SERVER: server.url,
        CONN_CONFIG_DIR: second.path,
        HOME: second.path,
      });
      const connect = startConn(['connect', 'claude-code'], { env: ownerEnv });
      const code = (
        await connect.waitFor(/conn-cli\.tgz collector enroll --server \S+ --code (\S+)/)
      )[1] as string;
      const enrolled = await conn(['collector', 'enroll', '--code', code], { env });
      expect(enrolled.code, enrolled.stderr).toBe(0);

      const nothing = await conn(
        ['collector', 'run', 'claude-code', '--once', '--path', empty.path],
        {
          env,
        },
      );
      expect(nothing.code, nothing.stderr).toBe(0);
      expect(nothing.stdout).toMatch(/Claude Code: sent 0 records/);
      // The owner's command is still waiting, and passes on what the device reported.
      await connect.waitFor(/last pass sent no records/);
      expect(connect.child.exitCode).toBeNull();
      const json = await conn(['connections', '--json'], { env: ownerEnv });
      expect(json.stdout).not.toContain('first_sync_failed');

      const good = await conn(['collector', 'run', 'claude-code', '--once', '--path', fixtures], {
        env,
      });
      expect(good.code, good.stderr).toBe(0);
      const connected = await connect.done;
      expect(connected.code, connected.stderr).toBe(0);
      expect(connected.stdout).toMatch(/Active — \d+ records collected\./);
      expect(connected.stdout).not.toMatch(/first sync did not finish/i);
    } finally {
      await second.dispose();
      await empty.dispose();
    }
  });

  it('lists a pending setup as pending, and abandons it', async () => {
    const waiting = startConn(['connect', 'claude-code', '--label', 'Spare laptop'], {
      env: ownerEnv,
    });
    await waiting.waitFor(/conn status \S+ --watch/);
    waiting.child.kill('SIGINT');
    await waiting.done;
    const listed = await conn(['connections'], { env: ownerEnv });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/Pending setups \(\d+\), give one up with conn abandon <id>:/);
    const id = /Spare laptop \(claude-code\) {2}(\S+)/.exec(listed.stdout)?.[1];
    expect(id, listed.stdout).toBeDefined();
    const abandoned = await conn(['abandon', id as string], { env: ownerEnv });
    expect(abandoned.code, abandoned.stderr).toBe(0);
    expect(abandoned.stdout).toContain('This setup attempt ended before it finished.');
    const after = await conn(['connections'], { env: ownerEnv });
    expect(after.stdout).not.toContain(id as string);
  });

  it('re-runs the collector on its interval until Ctrl-C, and Ctrl-C stops a waiting connect', async () => {
    const loop = startConn(
      ['collector', 'run', 'claude-code', '--path', fixtures, '--interval', '5'],
      {
        env: deviceEnv,
      },
    );
    await loop.waitFor(/Claude Code: sent \d+ records/);
    await loop.waitFor('Next run at');
    loop.child.kill('SIGINT');
    const stopped = await loop.done;
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stdout).toMatch(/Stopped\.\n$/);

    const waiting = startConn(['connect', 'claude-code'], { env: ownerEnv });
    await waiting.waitFor(/conn status \S+ --watch/);
    waiting.child.kill('SIGINT');
    const interrupted = await waiting.done;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toBe('error: Stopped.\n');
  });

  it('runs only collectors this device enrolled, and keeps the enrollment private', async () => {
    const other = await conn(['collector', 'run', 'codex', '--once'], { env: deviceEnv });
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(
      /no enrollment for "codex" here; enrolled collectors: claude-code\. \(invalid_request\)\n$/,
    );

    const files = await filesUnder(device.path);
    expect(files.map((file) => file.path.slice(device.path.length))).toEqual(['/enrollments.json']);
    expect(files[0]?.mode).toBe(0o600);
    const [enrollment] = (
      JSON.parse(files[0]?.text ?? '{}') as { enrollments: Record<string, string>[] }
    ).enrollments;
    expect(enrollment).toMatchObject({
      server: server.url,
      connector: 'claude-code',
      device_name: 'test-laptop',
    });
    expect(enrollment?.collector_token).toEqual(expect.any(String));
  });

  it('says when the device path does not exist, in one line', async () => {
    const missing = await conn(
      ['collector', 'run', 'claude-code', '--once', '--path', join(device.path, 'nope')],
      {
        env: deviceEnv,
      },
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/\(invalid_request\)\n$/);
  });

  it('shows the owner this device with its last heartbeat and pass, and revoking it stops its collector at once', async () => {
    const listed = await conn(['collector', 'devices', enrolledId], { env: ownerEnv });
    expect(listed.code, listed.stderr).toBe(0);
    // The current device first; the one an earlier enrollment replaced after it. A pass
    // within the last second reads "now".
    expect(listed.stdout).toMatch(
      /^test-laptop {2}ctk_\S+ {2}enrolled (?:.+ ago|now) \(\d\d:\d\d\), last heartbeat (?:.+ ago|now) \(\d\d:\d\d\), last pass (?:.+ ago|now) \(\d\d:\d\d\)\n/,
    );
    const json = await conn(['collector', 'devices', enrolledId, '--json'], { env: ownerEnv });
    const [device] = (JSON.parse(json.stdout) as { devices: Record<string, string | null>[] })
      .devices;
    expect(device).toMatchObject({ device_name: 'test-laptop', revoked_at: null });
    expect(device?.last_heartbeat_at).toEqual(expect.any(String));
    expect(json.stdout).not.toMatch(/coc_|collector_token/);

    const revoked = await conn(['collector', 'revoke', enrolledId, String(device?.id)], {
      env: ownerEnv,
    });
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toBe(
      `Revoked test-laptop (${device?.id}): it can no longer send. Enroll it again with a new code to resume.\n`,
    );
    const refused = await conn(['collector', 'run', 'claude-code', '--once', '--path', fixtures], {
      env: deviceEnv,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Enroll the device again\. \(unauthenticated\)\n$/);
    const after = await conn(['collector', 'devices', enrolledId], { env: ownerEnv });
    expect(after.stdout).toMatch(/^test-laptop {2}ctk_\S+ {2}enrolled .+, revoked .+ ago/);
  });
});
