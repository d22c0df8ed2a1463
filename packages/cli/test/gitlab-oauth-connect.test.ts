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
      // The operator's step, as the deployment route takes it.
      const token = await server.login();
      const saved = await fetch(`${server.url}/v1/owner/deployment/provider-apps/gitlab`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          instance_url: gitlab.instanceUrl,
        }),
      });
      expect(saved.status).toBe(200);
    });

    afterAll(async () => {
      await server?.dispose();
      await gitlab?.close();
      await config?.dispose();
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
      expect(result.stdout).toMatch(/^Active — 4 records collected\.$/m);
      const all = `${result.stdout}\n${result.stderr}`;
      expect(all).not.toContain(CLIENT_SECRET);
      expect(all).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    });
  },
);
