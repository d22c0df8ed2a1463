/** The console's TanStack Query keys, in one place so invalidations match reads. */
export const queryKeys = {
  catalog: ['catalog'] as const,
  plan: (key: string) => ['plan', key] as const,
  intent: (id: string) => ['intent', id] as const,
  setupStatus: (id: string) => ['setup-status', id] as const,
  connections: (includePending: boolean) => ['connections', includePending] as const,
  records: (id: string, stream: string | null, cursor: string | null) =>
    ['records', id, stream, cursor] as const,
  artifact: (id: string) => ['artifact', id] as const,
  agentTokens: ['agent-tokens'] as const,
  webhooks: ['webhooks'] as const,
  webhookDeliveries: (id: string) => ['webhook-deliveries', id] as const,
  allConnections: ['connections', 'all'] as const,
  runs: (id: string) => ['runs', id] as const,
  streamCounts: (id: string) => ['stream-counts', id] as const,
  devices: (id: string) => ['devices', id] as const,
};
