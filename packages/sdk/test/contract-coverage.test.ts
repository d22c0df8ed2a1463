import { type ContractRoute, contractRoutes, fillPath, type PathParams } from '@conn/setup-engine';
import { describe, expect, it } from 'vitest';
import { ConnApiError, ConnClient } from '../src/index';

type Call = (client: ConnClient) => Promise<unknown>;

/**
 * One SDK call per contract route, with the path values it fills in. The
 * browser-only OAuth callback and `/mcp` are not SDK calls.
 */
const calls: Record<string, { call: Call; params?: Record<string, string> }> = {
  login: { call: (c) => c.login('pw') },
  logout: { call: (c) => c.logout() },
  changeOwnerPassword: { call: (c) => c.changePassword('old', 'new password 12') },
  createAgentToken: { call: (c) => c.createAgentToken('assistant') },
  listAgentTokens: { call: (c) => c.agentTokens() },
  revokeAgentToken: { call: (c) => c.revokeAgentToken('agt_1'), params: { id: 'agt_1' } },
  createWebhook: { call: (c) => c.createWebhook({ url: 'https://hooks.example/conn' }) },
  listWebhooks: { call: (c) => c.webhooks() },
  deleteWebhook: { call: (c) => c.deleteWebhook('whk_1'), params: { id: 'whk_1' } },
  listWebhookDeliveries: { call: (c) => c.webhookDeliveries('whk_1'), params: { id: 'whk_1' } },
  redeliverWebhookDelivery: {
    call: (c) => c.redeliver('whk_1', 'whd_1'),
    params: { id: 'whk_1', delivery_id: 'whd_1' },
  },
  listEvents: { call: (c) => c.eventPage({ after: 3 }) },
  listConnectors: { call: (c) => c.connectors() },
  getSetupPlan: { call: (c) => c.plan('forge'), params: { key: 'forge' } },
  getDeploymentReadiness: { call: (c) => c.readiness() },
  createIntent: { call: (c) => c.createIntent({ connector: 'forge' }) },
  getIntent: { call: (c) => c.intent('int_1'), params: { id: 'int_1' } },
  listConnections: { call: (c) => c.connections() },
  getSetupStatus: { call: (c) => c.setupStatus('con_1'), params: { id: 'con_1' } },
  revokeConnection: { call: (c) => c.revoke('con_1'), params: { id: 'con_1' } },
  reconnectConnection: { call: (c) => c.reconnect('con_1'), params: { id: 'con_1' } },
  syncConnection: { call: (c) => c.syncNow('con_1'), params: { id: 'con_1' } },
  deleteConnection: {
    call: (c) => c.deleteConnection('con_1', { confirm: 'con_1' }),
    params: { id: 'con_1' },
  },
  undoImport: {
    call: (c) => c.undoImport('con_1', 'run_1'),
    params: { id: 'con_1', run_id: 'run_1' },
  },
  cancelRun: {
    call: (c) => c.cancelRun('con_1', 'run_1'),
    params: { id: 'con_1', run_id: 'run_1' },
  },
  listDevices: { call: (c) => c.devices('con_1'), params: { id: 'con_1' } },
  revokeDevice: {
    call: (c) => c.revokeDevice('con_1', 'ctk_1'),
    params: { id: 'con_1', device_id: 'ctk_1' },
  },
  listRecords: { call: (c) => c.records('con_1'), params: { id: 'con_1' } },
  listRuns: { call: (c) => c.runs('con_1', { limit: 5 }), params: { id: 'con_1' } },
  countStreamRecords: { call: (c) => c.streamCounts('con_1'), params: { id: 'con_1' } },
  createDraft: { call: (c) => c.createDraft({ connector: 'forge' }) },
  submitCredential: { call: (c) => c.submitCredential('con_1', {}), params: { id: 'con_1' } },
  createBrowserShell: { call: (c) => c.browserEnrollmentShell('shop'), params: { key: 'shop' } },
  abandonEnrollment: { call: (c) => c.abandonEnrollment('con_1'), params: { id: 'con_1' } },
  startAuthorization: { call: (c) => c.authorize('lab'), params: { key: 'lab' } },
  putProviderApp: {
    call: (c) => c.putProviderApp('lab', { client_id: 'id', client_secret: 's' }),
    params: { group: 'lab' },
  },
  listProviderApps: { call: (c) => c.providerApps() },
  uploadArtifact: {
    call: (c) => c.upload('chat', new Uint8Array([1]), { fileName: 'chat.txt' }),
  },
  listArtifacts: { call: (c) => c.uploads() },
  getArtifact: { call: (c) => c.artifact('art_1'), params: { id: 'art_1' } },
  importArtifacts: {
    call: (c) => c.importArtifacts({ artifact_ids: ['art_1'], target: { new: {} } }),
  },
  enrollCollector: { call: (c) => c.enroll('CODE', 'laptop') },
  ingestRecords: { call: (c) => c.ingest('items', []) },
  reportRunProgress: {
    call: (c) => c.reportProgress('run_1', { stage: 'items' }),
    params: { id: 'run_1' },
  },
  openCollectorRun: { call: (c) => c.openRun() },
  collectorHeartbeat: { call: (c) => c.heartbeat() },
  finishCollectorRun: {
    call: (c) => c.finishRun('run_1', { status: 'succeeded' }),
    params: { id: 'run_1' },
  },
};

const notSdkCalls = new Set(['completeAuthorization', 'mcp']);

function pathOf(route: ContractRoute, params: Record<string, string> = {}): string {
  return fillPath(route.path, params as PathParams<string>);
}

describe('the SDK and the contract route table', () => {
  it('has a call for every owner, agent, collector and public route of the table', () => {
    const sdkRoutes = contractRoutes
      .map((route) => route.operationId)
      .filter((id) => !notSdkCalls.has(id));
    expect(Object.keys(calls).sort()).toEqual([...sdkRoutes].sort());
  });

  it.each(contractRoutes.filter((route) => !notSdkCalls.has(route.operationId)))(
    '$operationId sends $method $path',
    async (route) => {
      const entry = calls[route.operationId];
      if (entry === undefined) throw new Error(`no SDK call for ${route.operationId}`);
      const sent: { method: string; url: URL }[] = [];
      const client = new ConnClient({
        baseUrl: 'http://127.0.0.1:9',
        token: 'cos_test',
        fetch: async (url, init) => {
          sent.push({ method: init?.method ?? 'GET', url: new URL(String(url)) });
          return new Response(
            JSON.stringify({ error: { code: 'internal_error', message: 'stop here' } }),
            { status: 500, headers: { 'content-type': 'application/json' } },
          );
        },
      });
      await expect(entry.call(client)).rejects.toBeInstanceOf(ConnApiError);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.method).toBe(route.method);
      expect(sent[0]?.url.pathname).toBe(pathOf(route, entry.params));
    },
  );
});
