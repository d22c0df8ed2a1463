import { join } from 'node:path';
import { ConnClient } from '@conn/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../apps/server/test/test-server';
import { cliEnv, conn, repoRoot, startConn, tempDir } from './cli-harness';

const fixtures = join(repoRoot, 'packages/connectors/test/fixtures/claude-code');

describe('conn collector run: heartbeats between passes', () => {
  let server: TestServer;
  let device: Awaited<ReturnType<typeof tempDir>>;
  let owner: ConnClient;

  beforeAll(async () => {
    // A two-second reporting interval: the waiting collector must beat about every second.
    server = await startTestServer({ dialect: 'sqlite', env: { CONN_SYNC_INTERVAL_MS: '2000' } });
    device = await tempDir('conn-cli-heartbeat-');
    owner = new ConnClient({ baseUrl: server.url }).withToken(await server.login());
  });
  afterAll(async () => {
    await server?.dispose();
    await device?.dispose();
  });

  it('keeps beating while it waits for its next pass, as often as the server asks', async () => {
    const env = cliEnv({
      CONN_SERVER: server.url,
      CONN_CONFIG_DIR: device.path,
      HOME: device.path,
    });
    const intent = await owner.connect('claude-code');
    const enrolled = await conn(
      [
        'collector',
        'enroll',
        '--code',
        intent.next_step.enrollment_code ?? '',
        '--device-name',
        'desk',
      ],
      { env },
    );
    expect(enrolled.code, enrolled.stderr).toBe(0);
    const id = intent.connection_id ?? '';
    const loop = startConn(
      ['collector', 'run', 'claude-code', '--path', fixtures, '--interval', '10'],
      {
        env,
      },
    );
    try {
      await loop.waitFor('Next run at');
      const seen = new Set<string>();
      let lastPass: string | null = null;
      await expect
        .poll(
          async () => {
            const [desk] = await owner.devices(id);
            if (desk?.last_heartbeat_at != null) seen.add(desk.last_heartbeat_at);
            lastPass ??= desk?.last_pass_at ?? null;
            expect(desk?.last_pass_at).toBe(lastPass);
            return seen.size;
          },
          { timeout: 15_000, interval: 300 },
        )
        .toBeGreaterThanOrEqual(3);
      // One pass only: the beats came between passes, not with them.
      expect((await owner.runs(id)).items).toHaveLength(1);
    } finally {
      loop.child.kill('SIGINT');
      await loop.done;
    }
  });
});
