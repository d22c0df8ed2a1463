import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LoopbackGitlab,
  startLoopbackGitlab,
} from '../../../apps/server/test/loopback-gitlab';
import {
  ownerPassword,
  serverDialects,
  startTestServer,
  type TestServer,
} from '../../../apps/server/test/test-server';
import { cliEnv, conn, loginWithStdin, startConn, tempDir } from './cli-harness';

const CLIENT_ID = 'conn-cli-client';
const CLIENT_SECRET = 'cli-oauth-client-secret-CANARY-51e0';

describe.each(await serverDialects())(
  'conn connect over OAuth against a loopback GitLab (%s)',
  (dialect) => {
    let server: TestServer;
    let gitlab: LoopbackGitlab;
    let config: Awaited<ReturnType<typeof tempDir>>;
    let env: Record<string, string>;

    beforeAll(async () => {
      server = await startTestServer({ dialect });
      gitlab = await startLoopbackGitlab({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUri: `${server.url}/v1/oauth/callback`,
      });
      config = await tempDir('conn-cli-gitlab-');
      env = cliEnv({ CONN_SERVER: server.url, CONN_CONFIG_DIR: config.path, HOME: config.path });
      await loginWithStdin(env, ownerPassword);
    });

    afterAll(async () => {
      await server?.dispose();
      await gitlab?.close();
      await config?.dispose();
    });

    it('shows the operator the redirect URI to register, then takes the app with a hidden secret prompt', async () => {
      const blocked = await conn(['connect', 'gitlab', '--unproven'], { env });
      expect(blocked.code).toBe(1);
      expect(blocked.stdout).toContain(
        `with the redirect URI ${server.url}/v1/oauth/callback and enters its client ID and secret`,
      );
      const shown = await conn(['deployment', 'provider-app', 'gitlab'], { env });
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout).toContain(
        `Redirect URI to register with the provider: ${server.url}/v1/oauth/callback`,
      );
      expect(shown.stdout).toContain('conn deployment provider-app gitlab --client-id <id>');
      const unknown = await conn(['deployment', 'provider-app', 'bitbucket'], { env });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/its provider apps: gitlab\. \(connector_not_found\)/);

      const entry = startConn(
        [
          'deployment',
          'provider-app',
          'gitlab',
          '--client-id',
          CLIENT_ID,
          '--instance-url',
          gitlab.instanceUrl,
        ],
        { env, pty: true },
      );
      await entry.waitFor('client secret');
      entry.send(`${CLIENT_SECRET}\r`);
      const stored = await entry.done;
      expect(stored.code, stored.stdout).toBe(0);
      expect(stored.stdout).toContain(`Stored the GitLab OAuth app (client ID ${CLIENT_ID}).`);
      expect(stored.stdout).toContain(`${server.url}/v1/oauth/callback`);
      expect(`${stored.stdout}${stored.stderr}`).not.toContain(CLIENT_SECRET);
    });

    it('asks for --unproven on a path not proven here yet', async () => {
      const refused = await conn(['connect', 'gitlab'], { env });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/run the same command again with --unproven\./);
    });

    it('prints the authorization URL, waits for the approval and follows the first sync to active', async () => {
      const run = startConn(['connect', 'GitLab', '--unproven'], { env });
      const [line] = await run.waitFor(/https?:\/\/\S+\/oauth\/authorize\?\S+/);
      expect(new URL(line).searchParams.get('redirect_uri')).toBe(
        `${server.url}/v1/oauth/callback`,
      );
      // The owner approves in a browser; the provider sends the browser back to conn.
      const back = await gitlab.authorize(line, { account: 'tanuki' });
      const landed = await fetch(back, { redirect: 'manual' });
      expect(landed.status).toBe(303);
      const result = await run.done;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^Active — 5 records collected\.$/m);
      const all = `${result.stdout}\n${result.stderr}`;
      expect(all).not.toContain(CLIENT_SECRET);
      expect(all).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    });

    it('reconnects the same connection through a new authorization', async () => {
      const listed = JSON.parse((await conn(['connections', '--json'], { env })).stdout) as {
        items: { connection_id: string; connector: string }[];
      };
      const id = listed.items.find((item) => item.connector === 'gitlab')?.connection_id ?? '';
      expect(id).not.toBe('');
      const working = await conn(['reconnect', id], { env });
      expect(working.code).toBe(1);
      expect(working.stderr).toMatch(/is active and working, so it cannot be reconnected\./);
      expect((await conn(['revoke', id], { env })).code).toBe(0);
      const run = startConn(['reconnect', id], { env });
      const [line] = await run.waitFor(/https?:\/\/\S+\/oauth\/authorize\?\S+/);
      const back = await gitlab.authorize(line, { account: 'tanuki' });
      expect((await fetch(back, { redirect: 'manual' })).status).toBe(303);
      const result = await run.done;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^Active — \d+ records collected\.$/m);
      const after = JSON.parse((await conn(['connections', '--json'], { env })).stdout) as {
        items: { connector: string }[];
      };
      expect(after.items.filter((item) => item.connector === 'gitlab')).toHaveLength(1);
    });
  },
);
