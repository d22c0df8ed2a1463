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
  let search = '';
  if (query !== undefined) {
    for (const [name, value] of Object.entries(query)) {
      search += `${search === '' ? '?' : '&'}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
    }
  }
  return { method: route.method, path: fillPath(route.path, params) + search };
}

/**
 * A connector-keyed action, made once per key (keys come from the catalog):
 * every plan of every catalog read asks for one.
 */
function perKey(make: (key: string) => Action): (key: string) => Action {
  const made = new Map<string, Action>();
  return (key) => {
    let action = made.get(key);
    if (action === undefined) {
      action = Object.freeze(make(key));
      made.set(key, action);
    }
    return action;
  };
}

/**
 * The REST routes a plan's next step points at, filled from the contract's
 * route table, so every surface shows the same action for the same step.
 */
export const setupRoutes = {
  createIntent: perKey(() => actionOf(contract.createIntent, {})).bind(null, ''),
  createDraft: perKey(() => actionOf(contract.createDraft, {})).bind(null, ''),
  browserShell: perKey((key) => actionOf(contract.createBrowserShell, { key })),
  authorize: perKey((key) => actionOf(contract.startAuthorization, { key })),
  upload: perKey((key) => actionOf(contract.uploadArtifact, {}, { connector: key })),
  providerApp: perKey((group) => actionOf(contract.putProviderApp, { group })),
  credential: (connectionId: string) => actionOf(contract.submitCredential, { id: connectionId }),
  reconnect: (connectionId: string) => actionOf(contract.reconnectConnection, { id: connectionId }),
  syncNow: (connectionId: string) => actionOf(contract.syncConnection, { id: connectionId }),
  setupStatus: (connectionId: string) => actionOf(contract.getSetupStatus, { id: connectionId }),
} as const;

/** Where a conn server serves its own CLI, as an npm-installable tarball. */
export const servedCliPath = '/cli/conn-cli.tgz';

/**
 * How a fresh device runs this server's CLI: straight from the server with
 * npx, so no registry and no checkout is needed. Without a known public
 * origin, `<server>` stands for the address the owner reaches it at.
 */
function served(origin: string | null): string {
  return `${(origin ?? '<server>').replace(/\/+$/, '')}${servedCliPath}`;
}

/**
 * The CLI commands plans and enrollments quote to owners, built from the
 * deployment's public origin so that each works verbatim on a fresh device.
 *
 * @example
 * cliCommands.enrollCollector('7KQ2-M9XD-4T0B', 'https://conn.example.com');
 * // 'npx -y https://conn.example.com/cli/conn-cli.tgz collector enroll --server https://conn.example.com --code 7KQ2-M9XD-4T0B'
 */
export const cliCommands = {
  enrollCollector: (code: string, origin: string | null) =>
    `npx -y ${served(origin)} collector enroll --server ${(origin ?? '<server>').replace(/\/+$/, '')} --code ${code}`,
  // An enrolled device remembers its server, so running needs no --server.
  runCollector: (collector: string, origin: string | null) =>
    `npx -y ${served(origin)} collector run ${collector}`,
  install: (origin: string | null) => `npm install -g ${served(origin)}`,
} as const;
