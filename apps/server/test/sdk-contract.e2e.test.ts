import { ConnApiError, ConnClient } from '@conn/sdk';
import { contract, contractRoutes, contractVersionHeader, Secret } from '@conn/setup-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackGitlab, startLoopbackGitlab } from './loopback-gitlab';
import { ownerPassword, serverDialects, startTestServer, type TestServer } from './test-server';

const CLIENT_ID = 'conn-sdk-client';
const CLIENT_SECRET = 'sdk-contract-client-secret-CANARY-3c1d';

describe.each(await serverDialects())('the SDK against the real server (%s)', (dialect) => {
  let t: TestServer;
  let gitlab: LoopbackGitlab;
  let owner: ConnClient;

  beforeAll(async () => {
    t = await startTestServer({ dialect });
    gitlab = await startLoopbackGitlab({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: `${t.url}/v1/oauth/callback`,
    });
    const anonymous = new ConnClient({ baseUrl: t.url });
    owner = anonymous.withToken(await anonymous.login(ownerPassword));
  });

  afterAll(async () => {
    await t?.dispose();
    await gitlab?.close();
  });

  it('starts an unproven OAuth authorization with authorize(key, { unproven }) and connects the account', async () => {
    const blocked = await owner.plan('gitlab');
    expect(blocked.support_state).toBe('needs_deployment_config');
    const group =
      blocked.descriptor.modality === 'provider_authorization'
        ? blocked.descriptor.authorization.provider_app_group
        : '';
    const app = await owner.putProviderApp(group, {
      client_id: CLIENT_ID,
      client_secret: new Secret(CLIENT_SECRET),
      instance_url: gitlab.instanceUrl,
    });
    expect(app.client_id).toBe(CLIENT_ID);
    expect(await owner.providerApps()).toEqual([app]);

    const plan = await owner.plan('gitlab');
    expect(plan.support_state).toBe('proof_gated');
    const unconfirmed = await owner.authorize('gitlab').catch((error: unknown) => error);
    expect(unconfirmed).toBeInstanceOf(ConnApiError);
    expect((unconfirmed as ConnApiError).code).toBe('unproven_path_not_confirmed');

    const start = await owner.authorize('gitlab', { unproven: true, label: 'Work GitLab' });
    expect(new URL(start.authorization_url).searchParams.get('redirect_uri')).toBe(
      `${t.url}/v1/oauth/callback`,
    );
    expect(Date.parse(start.expires_at)).toBeGreaterThan(Date.now());

    const back = await gitlab.authorize(start.authorization_url, { account: 'tanuki' });
    // The owner's browser lands on the connection's setup page.
    const done = await fetch(back, { redirect: 'manual' });
    expect(done.status).toBe(303);
    const connection_id =
      /\/connections\/([^/]+)\/setup$/.exec(done.headers.get('location') ?? '')?.[1] ?? '';
    const active = await owner.waitForActive(connection_id, { timeoutMs: 15_000, intervalMs: 50 });
    expect(active).toMatchObject({ setup_state: 'active', label: 'Work GitLab', unproven: true });
  });

  it('tells a client built against an older contract to update, and names its own version', async () => {
    const old = new ConnClient({
      baseUrl: t.url,
      fetch: (url, init) =>
        fetch(url, { ...init, headers: { ...init?.headers, [contractVersionHeader]: '1' } }),
    });
    const refused = await old.login(ownerPassword).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConnApiError);
    expect((refused as ConnApiError).code).toBe('client_outdated');
    expect((refused as ConnApiError).message).toMatch(/Update your conn CLI/);

    const answer = await fetch(`${t.url}/v1/owner/connectors`, {
      headers: { [contractVersionHeader]: 'seven' },
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get(contractVersionHeader)).toMatch(/^\d+$/);
  });

  it('publishes every route of the contract but /mcp in /openapi.json under its operationId', async () => {
    const document = (await (await fetch(`${t.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    const published = new Map<string, string>();
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (operation.operationId !== undefined) {
          published.set(operation.operationId, `${method.toUpperCase()} ${path}`);
        }
      }
    }
    for (const route of contractRoutes) {
      const path = route.path.replace(/:([a-z_]+)/g, '{$1}');
      const found = published.get(route.operationId) ?? '';
      // `/mcp` is not a setup surface and answers every method: it is left out of the document.
      if (route.method === 'ALL') expect(found, route.operationId).toBe('');
      else expect(found, route.operationId).toBe(`${route.method} ${path}`);
    }
    expect(contract.getSetupStatus.operationId).toBe('getSetupStatus');
  });
});
