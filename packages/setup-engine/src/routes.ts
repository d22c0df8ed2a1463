import type { Action } from './plan';

const route = (method: Action['method'], path: string): Action => ({ method, path });

/**
 * The REST routes a plan's next step points at. The route names are the
 * public contract of `surfaces.md`; the engine names them so that every
 * surface shows the same action for the same step.
 */
export const setupRoutes = {
  createIntent: () => route('POST', '/v1/owner/connections/intents'),
  createDraft: () => route('POST', '/v1/owner/connections/drafts'),
  browserShell: (key: string) =>
    route('POST', `/v1/owner/connectors/${key}/browser-enrollment-shell`),
  authorize: (key: string) => route('POST', `/v1/owner/connectors/${key}/authorize`),
  upload: (key: string) => route('POST', `/v1/owner/uploads?connector=${key}`),
  providerApp: (group: string) => route('PUT', `/v1/owner/deployment/provider-apps/${group}`),
  credential: (connectionId: string) =>
    route('PUT', `/v1/owner/connections/${connectionId}/credential`),
  reconnect: (connectionId: string) =>
    route('POST', `/v1/owner/connections/${connectionId}/reconnect`),
  setupStatus: (connectionId: string) =>
    route('GET', `/v1/owner/connections/${connectionId}/setup-status`),
} as const;

/** The published CLI's commands that plans quote to owners. */
export const cliCommands = {
  enrollCollector: (code: string) => `conn collector enroll --code ${code}`,
  runCollector: (collector: string) => `conn collector run ${collector}`,
  install: 'npm install -g @conn/cli',
} as const;
