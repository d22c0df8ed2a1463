import { join } from 'node:path';
import { createBundledRegistry } from '@conn/connectors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient } from './http-client';
import { serverDialects, startTestServer, type TestServer } from './test-server';

const fixtures = join(
  import.meta.dirname,
  '../../../packages/connectors/test/fixtures/claude-code',
);

describe.each(await serverDialects())(
  'local-collector setup through the real server (%s)',
  (dialect) => {
    let t: TestServer;
    let http: ReturnType<typeof httpClient>;
    let ownerToken: string;
    let agentToken: string;

    beforeAll(async () => {
      t = await startTestServer({ dialect });
      http = httpClient(t.url);
      ownerToken = await t.login();
      agentToken = (
        await http.call('POST', '/v1/owner/agent-tokens', {
          token: ownerToken,
          body: { name: 'agent' },
        })
      ).json.token;
    });
    afterAll(async () => t?.dispose());

    it('mints a one-time code, enrolls once, ingests, turns active; revoking stops the collector and keeps records', async () => {
      const intent = await http.call('POST', '/v1/owner/connections/intents', {
        token: agentToken,
        body: { connector: 'claude-code' },
      });
      expect(intent.status).toBe(201);
      expect(intent.json.status).toBe('pending_owner_action');
      const step = intent.json.next_step;
      expect(step.kind).toBe('enroll_local_collector');
      expect(step.enrollment_code).toEqual(expect.any(String));
      expect(step.command).toBe(
        `npx -y ${t.url}/cli/conn-cli.tgz collector enroll --server ${t.url} --code ${step.enrollment_code}`,
      );
      const connectionId = intent.json.connection_id ?? step.connection_id;
      const pending = await http.call('GET', `/v1/owner/connections/${connectionId}/setup-status`, {
        token: agentToken,
      });
      expect(pending.json.setup_state).toBe('awaiting_collector');

      const enrolled = await http.call('POST', '/v1/collector/enroll', {
        body: { code: step.enrollment_code, device_name: 'laptop' },
      });
      expect(enrolled.status).toBe(201);
      const collectorToken = enrolled.json.collector_token as string;
      const again = await http.call('POST', '/v1/collector/enroll', {
        body: { code: step.enrollment_code, device_name: 'other' },
      });
      expect(again.status).toBe(409);
      expect(again.json.error.code).toBe('enrollment_code_invalid');

      // The real Claude Code collector over fixture logs, sending batches as the CLI does.
      const collector = createBundledRegistry().require('claude-code').collector;
      if (collector === undefined) throw new Error('claude-code has no collector');
      const progress: string[] = [];
      await collector({
        fields: { path: fixtures },
        secrets: {},
        signal: AbortSignal.timeout(10_000),
        fetch,
        emit: async (stream, records) => {
          const sent = await http.call('POST', '/v1/collector/records', {
            token: collectorToken,
            body: { stream, records, run_id: enrolled.json.run_id },
          });
          expect(sent.status).toBe(200);
          expect(sent.json.rejected).toBe(0);
        },
        progress: (stage) => progress.push(stage),
      });
      const reported = await http.call(
        'POST',
        `/v1/collector/runs/${enrolled.json.run_id}/progress`,
        {
          token: collectorToken,
          body: { stage: 'done' },
        },
      );
      expect(reported.status).toBe(204);

      const active = await http.call('GET', `/v1/owner/connections/${connectionId}/setup-status`, {
        token: agentToken,
      });
      expect(active.json.setup_state).toBe('active');
      expect(active.json.records_total).toBeGreaterThan(0);
      const intentAfter = await http.call(
        'GET',
        `/v1/owner/connections/intents/${intent.json.intent_id}`,
        { token: agentToken },
      );
      expect(intentAfter.json.status).toBe('completed');

      const revoked = await http.call('POST', `/v1/owner/connections/${connectionId}/revoke`, {
        token: ownerToken,
      });
      expect(revoked.status).toBe(200);
      expect(revoked.json.setup_state).toBe('revoked');
      const refused = await http.call('POST', '/v1/collector/records', {
        token: collectorToken,
        body: { stream: 'sessions', records: [] },
      });
      expect(refused.status).toBe(401);
      const kept = await http.call('GET', `/v1/owner/connections/${connectionId}/records`, {
        token: ownerToken,
      });
      expect(kept.json.items.length).toBeGreaterThan(0);
      const listed = await http.call('GET', '/v1/owner/connections', { token: ownerToken });
      const card = listed.json.items.find(
        (c: { connection_id: string }) => c.connection_id === connectionId,
      );
      expect(card).toMatchObject({ status: 'revoked', revoked_at: expect.any(String) });
    });
  },
);
