import { createBundledRegistry } from '@conn/connectors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient } from './http-client';
import { serverDialects, startTestServer, type TestServer } from './test-server';

describe.each(await serverDialects())(
  'browser-bound enrollment shells through the real server (%s)',
  (dialect) => {
    let t: TestServer;
    let http: ReturnType<typeof httpClient>;
    let owner: string;

    beforeAll(async () => {
      // The bundled catalog has no Amazon browser collector: a stand-in makes an attempt possible.
      const registry = createBundledRegistry().register('amazon', {
        collector: async () => ({ counts: {} }),
      });
      t = await startTestServer({ dialect, registry });
      http = httpClient(t.url);
      owner = await t.login();
    });
    afterAll(async () => t?.dispose());

    it('stays proof-gated with honest copy and no terminal command', async () => {
      const plan = await http.call('GET', '/v1/owner/connectors/amazon/setup-plan', {
        token: owner,
      });
      expect(plan.json.support_state).toBe('proof_gated');
      expect(plan.json.next_step.kind).toBe('enroll_browser_collector');
      expect(plan.json.next_step.description).toMatch(/not self-service yet/);
      expect(JSON.stringify(plan.json)).not.toMatch(/conn collector|npm |pnpm /);
    });

    it('creates a shell with a 2-hour expiry, refuses other modalities and unknown connectors', async () => {
      const shell = await http.call(
        'POST',
        '/v1/owner/connectors/amazon/browser-enrollment-shell',
        { token: owner, body: {} },
      );
      expect(shell.status).toBe(201);
      expect(shell.json.status).toBe('draft');
      const lifetime = Date.parse(shell.json.expires_at) - Date.parse(shell.json.created_at);
      expect(lifetime).toBeGreaterThan(119 * 60_000);
      expect(lifetime).toBeLessThanOrEqual(120 * 60_000 + 1_000);

      const wrong = await http.call(
        'POST',
        '/v1/owner/connectors/github/browser-enrollment-shell',
        { token: owner, body: {} },
      );
      expect(wrong.status).toBe(409);
      expect(wrong.json.error.code).toBe('modality_mismatch');
      const unknown = await http.call(
        'POST',
        '/v1/owner/connectors/nope/browser-enrollment-shell',
        { token: owner, body: {} },
      );
      expect(unknown.status).toBe(404);
      expect(unknown.json.error.code).toBe('connector_not_found');

      // Pending, not a ghost: listed only with include=pending.
      const normal = await http.call('GET', '/v1/owner/connections', { token: owner });
      expect(
        normal.json.items.map((c: { connection_id: string }) => c.connection_id),
      ).not.toContain(shell.json.connection_id);
      const pending = await http.call('GET', '/v1/owner/connections?include=pending', {
        token: owner,
      });
      expect(pending.json.items.map((c: { connection_id: string }) => c.connection_id)).toContain(
        shell.json.connection_id,
      );
    });

    it('abandons a shell idempotently and never lists it again', async () => {
      const shell = await http.call(
        'POST',
        '/v1/owner/connectors/amazon/browser-enrollment-shell',
        { token: owner, body: {} },
      );
      const path = `/v1/owner/connections/${shell.json.connection_id}/abandon-enrollment`;
      const first = await http.call('POST', path, { token: owner, body: {} });
      expect(first.status).toBe(200);
      expect(first.json.setup_state).toBe('expired');
      const second = await http.call('POST', path, { token: owner, body: {} });
      expect(second.status).toBe(200);
      expect(second.json.setup_state).toBe('expired');
      const pending = await http.call('GET', '/v1/owner/connections?include=pending', {
        token: owner,
      });
      expect(
        pending.json.items.map((c: { connection_id: string }) => c.connection_id),
      ).not.toContain(shell.json.connection_id);
    });

    it('refuses to abandon what is not a shell attempt: an owner agent cannot, and an unknown id is 404', async () => {
      const agent = (
        await http.call('POST', '/v1/owner/agent-tokens', { token: owner, body: { name: 'a' } })
      ).json.token;
      const byAgent = await http.call(
        'POST',
        '/v1/owner/connectors/amazon/browser-enrollment-shell',
        { token: agent, body: {} },
      );
      expect(byAgent.status).toBe(403);
      expect(byAgent.json.error.code).toBe('owner_session_required');
      const unknown = await http.call(
        'POST',
        '/v1/owner/connections/con_missing/abandon-enrollment',
        { token: owner, body: {} },
      );
      expect(unknown.status).toBe(404);
    });
  },
);

describe.each(await serverDialects())(
  'a browser-bound connector with no collector registered (%s)',
  (dialect) => {
    let t: TestServer;
    let http: ReturnType<typeof httpClient>;
    let owner: string;

    beforeAll(async () => {
      t = await startTestServer({ dialect });
      http = httpClient(t.url);
      owner = await t.login();
    });
    afterAll(async () => t?.dispose());

    it('is planned unsupported, offering no unproven attempt, and creates no shell', async () => {
      const plan = await http.call('GET', '/v1/owner/connectors/amazon/setup-plan', {
        token: owner,
      });
      expect(plan.json.support_state).toBe('unsupported');
      expect(plan.json.proof_gate).toBeNull();
      expect(plan.json.next_step).toMatchObject({ kind: 'none', action: null, unproven: false });
      expect(plan.json.support_reason).toContain('no collector for Amazon');

      const shell = await http.call(
        'POST',
        '/v1/owner/connectors/amazon/browser-enrollment-shell',
        { token: owner, body: {} },
      );
      expect(shell.status).toBe(409);
      expect(shell.json.error.code).toBe('setup_not_available');
    });
  },
);
