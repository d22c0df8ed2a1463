import { contract } from './api/contract';
import type { ContractRoute } from './api/contract-route';
import { fillPath, type PathParams } from './api/path-params';
import type { Action } from './plan';

/** The action a surface takes for a contract route (never `ALL`: plans only point at concrete routes). */
function actionOf<R extends ContractRoute & { method: Action['method'] }>(
  route: R,
  params: PathParams<R['path']>,
  query?: Readonly<Record<string, string>>,
): Action {
  const search = query === undefined ? '' : `?${new URLSearchParams(query).toString()}`;
  return { method: route.method, path: `${fillPath(route.path, params)}${search}` };
}

/**
 * The REST routes a plan's next step points at, filled from the contract's
 * route table, so every surface shows the same action for the same step.
 */
export const setupRoutes = {
  createIntent: () => actionOf(contract.createIntent, {}),
  createDraft: () => actionOf(contract.createDraft, {}),
  browserShell: (key: string) => actionOf(contract.createBrowserShell, { key }),
  authorize: (key: string) => actionOf(contract.startAuthorization, { key }),
  upload: (key: string) => actionOf(contract.uploadArtifact, {}, { connector: key }),
  providerApp: (group: string) => actionOf(contract.putProviderApp, { group }),
  credential: (connectionId: string) => actionOf(contract.submitCredential, { id: connectionId }),
  reconnect: (connectionId: string) => actionOf(contract.reconnectConnection, { id: connectionId }),
  setupStatus: (connectionId: string) => actionOf(contract.getSetupStatus, { id: connectionId }),
} as const;

/** The published CLI's commands that plans quote to owners. */
export const cliCommands = {
  enrollCollector: (code: string) => `conn collector enroll --code ${code}`,
  runCollector: (collector: string) => `conn collector run ${collector}`,
  install: 'npm install -g @conn/cli',
} as const;
