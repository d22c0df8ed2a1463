/**
 * The groups of the REST contract, each with the one line the OpenAPI
 * document shows for it. Every route names exactly one.
 */
export const contractTags = {
  owner: 'The owner account: log in and out, owner-agent tokens.',
  catalog: 'The connectors this server offers and the setup plan of each.',
  deployment: "The server's own setup: readiness and provider OAuth apps.",
  intents: 'Setup intents: what an owner agent starts and hands to the owner.',
  connections: 'Connections and their durable setup status, records, revoke and reconnect.',
  setup: 'The owner-only setup steps: drafts, credentials, OAuth, browser enrollment.',
  uploads: 'Export files: streamed uploads, their validation, and imports.',
  collector: 'Device collectors: enrollment, records, runs and progress.',
  events: 'Lifecycle events as JSON pages or a live Server-Sent Events stream.',
  webhooks: 'Signed, retried webhook deliveries of lifecycle events.',
  mcp: 'The MCP endpoint (not a setup surface).',
} as const;
export type ContractTag = keyof typeof contractTags;
