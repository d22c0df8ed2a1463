import { consoleBasePath, consolePaths } from '@conn/setup-engine';

const inApp = (path: string) => path.slice(consoleBasePath.length);

/**
 * The engine's console paths as the router sees them (relative to its
 * `/console` base), so every link inside the app is the one the server hands out.
 */
export const pagePaths = {
  home: inApp(consolePaths.home),
  addSource: inApp(consolePaths.addSource),
  connector: (key: string) => inApp(consolePaths.connector(key)),
  intent: (id: string) => inApp(consolePaths.intent(id)),
  connectionSetup: (id: string) => inApp(consolePaths.connectionSetup(id)),
  connectionRecords: (id: string, stream?: string) =>
    inApp(consolePaths.connectionRecords(id, stream)),
  connection: (id: string) => inApp(consolePaths.connection(id)),
  settings: inApp(consolePaths.settings),
  agentTokens: inApp(consolePaths.agentTokens),
  webhooks: inApp(consolePaths.webhooks),
  activity: inApp(consolePaths.activity),
};
