/** Where conn-server serves the owner console. */
export const consoleBasePath = '/console';

/**
 * The console's page paths, one scheme for every link a plan, an intent, a
 * reconnect, an OAuth return or a terminal hands an owner. The console's
 * router matches `patterns`; servers and services build links with the
 * functions. Paths are relative to the server's origin.
 *
 * @example
 * consolePaths.intent('int_123'); // '/console/setup/intents/int_123'
 */
export const consolePaths = Object.freeze({
  home: `${consoleBasePath}/`,
  addSource: `${consoleBasePath}/add`,
  connector: (key: string) => `${consoleBasePath}/connectors/${encodeURIComponent(key)}`,
  intent: (intentId: string) => `${consoleBasePath}/setup/intents/${encodeURIComponent(intentId)}`,
  connectionSetup: (connectionId: string) =>
    `${consoleBasePath}/connections/${encodeURIComponent(connectionId)}/setup`,
  /** The records page, opened on one stream when `stream` is given. */
  connectionRecords: (connectionId: string, stream?: string) =>
    `${consoleBasePath}/connections/${encodeURIComponent(connectionId)}/records${
      stream === undefined ? '' : `?stream=${encodeURIComponent(stream)}`
    }`,
  /** A connection's detail page: records by stream, runs, credential metadata, its actions. */
  connection: (connectionId: string) =>
    `${consoleBasePath}/connections/${encodeURIComponent(connectionId)}`,
  // The owner's account side: the password, agent tokens, webhooks, activity.
  settings: `${consoleBasePath}/settings`,
  agentTokens: `${consoleBasePath}/agent-tokens`,
  webhooks: `${consoleBasePath}/webhooks`,
  activity: `${consoleBasePath}/activity`,
});

/** The same pages as router patterns, relative to `consoleBasePath`. */
export const consolePatterns = Object.freeze({
  home: '/',
  addSource: '/add',
  connector: '/connectors/:key',
  intent: '/setup/intents/:id',
  connectionSetup: '/connections/:id/setup',
  connectionRecords: '/connections/:id/records',
  settings: '/settings',
  agentTokens: '/agent-tokens',
  webhooks: '/webhooks',
  activity: '/activity',
  connection: '/connections/:id',
});

/**
 * Console pages that once lived at the server's root (`/setup/intents/:id`,
 * `/connections/:id/setup`): links already handed out keep working by a
 * permanent redirect to the same page under `consoleBasePath`.
 */
export const legacyConsolePrefixes = ['/setup/', '/connections/'] as const;
