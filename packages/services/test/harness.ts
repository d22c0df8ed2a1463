import { randomBytes } from 'node:crypto';
import {
  type Collector,
  ConnectorRegistry,
  createBundledRegistry,
  type Probe,
} from '@conn/connectors';
import { type CredentialVault, createVault, type Store, vaultKeysFrom } from '@conn/store';
import {
  createServices,
  type DeploymentSettings,
  type Services,
  type WebhookOptions,
} from '../src/index';

export { dialects, type TestDatabase } from '../../store/test/dialects';
export { tableNames } from '../../store/test/one-row-per-table';

/** A clock that ticks one millisecond per reading (so rows order) and can jump ahead. */
/** The client address tests guess secrets from (a documentation range). */
export const testClient = '192.0.2.10';

export class TestClock {
  #now: number;
  constructor(start = Date.parse('2030-01-01T00:00:00.000Z')) {
    this.#now = start;
  }
  readonly now = (): Date => {
    this.#now += 1;
    return new Date(this.#now);
  };
  advance(ms: number): void {
    this.#now += ms;
  }
}

/** Behaviour of the fake GitHub probe, by token value. */
export const fakeTokens = {
  /** Accepted; the identity is the part after `good-`. */
  good: (login: string) => `good-${login}`,
  /** Accepted, and the probe reports that it stops working at `at` (an ISO time). */
  expiring: (login: string, at: string) => `good-${login}-expires-${at}`,
  rejected: 'bad-token',
  /** Never answers until aborted. */
  slow: 'slow-token',
  /** Throws like a network failure. */
  unreachable: 'unreachable-token',
} as const;

/** A probe like GitHub's, offline: the token's text decides the answer. */
export const fakeGithubProbe: Probe = async ({ secrets, signal }) => {
  const token = secrets.token?.reveal() ?? '';
  if (token.startsWith(fakeTokens.slow)) {
    await new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => reject(new Error('aborted'))),
    );
  }
  if (token.startsWith(fakeTokens.unreachable))
    throw new Error(`connect ECONNREFUSED (token ${token})`);
  if (token.startsWith('good-')) {
    const login = token.slice('good-'.length).split('-')[0] ?? 'someone';
    const expires = token.split('-expires-')[1];
    return {
      ok: true,
      identity: { account_id: `id-${login}`, label: login },
      ...(expires === undefined ? {} : { credential_expires_at: expires }),
    };
  }
  // A careless probe quoting the token: services must redact it.
  return { ok: false, message: `GitHub rejected this token (401): ${token}` };
};

/** A collector that emits `count` repositories, or throws with the token in its message. */
export function fakeGithubCollector(options: { count?: number; fail?: boolean } = {}): Collector {
  return async ({ emit, progress, secrets }) => {
    if (options.fail) throw new Error(`GitHub said 401 for ${secrets.token?.reveal()}`);
    const repositories = Array.from({ length: options.count ?? 3 }, (_, index) => ({
      id: index + 1,
      full_name: `octocat/repo-${index + 1}`,
    }));
    progress('repositories', { repositories: repositories.length });
    await emit('repositories', repositories);
    return { counts: { repositories: repositories.length } };
  };
}

const fakeMailCollector: Collector = async ({ emit }) => {
  await emit('messages', [{ message_id: '<1@example.com>', subject: 'Hello' }]);
  return { counts: { messages: 1 } };
};

const deviceCollector: Collector = async () => ({ counts: {} });

/**
 * The bundled catalog's manifests with offline fakes as the only
 * implementations, so no test reaches a network.
 */
export function testRegistry(options: { githubCollector?: Collector } = {}): ConnectorRegistry {
  const manifestsOnly = createBundledRegistry()
    .manifests()
    .map((manifest) => ({ manifest }));
  // Amazon gets a stand-in browser collector, so it plans as an attempt the owner may take.
  return ConnectorRegistry.from(manifestsOnly)
    .register('github', {
      probe: fakeGithubProbe,
      collector: options.githubCollector ?? fakeGithubCollector(),
    })
    .register('gmail', { collector: fakeMailCollector })
    .register('claude-code', { collector: deviceCollector })
    .register('amazon', { collector: deviceCollector });
}

export const readyDeployment: DeploymentSettings = {
  credential_key_provider: 'file',
  provider_apps: [],
  public_origin: 'http://127.0.0.1:7777',
  disk_space_low: false,
};

/** A vault with a fresh random key. */
export function keyedVault(key: Buffer = randomBytes(32)): CredentialVault {
  return createVault(vaultKeysFrom([key]));
}

/** Everything a service test needs on one store. */
export interface ServiceFixture {
  services: Services;
  clock: TestClock;
  owner: string;
  otherOwner: string;
}

/** Inserts two owners and builds services over the store. */
export async function serviceFixture(
  store: Store,
  options: {
    vault?: CredentialVault;
    registry?: ConnectorRegistry;
    deployment?: Partial<DeploymentSettings>;
    probeTimeoutMs?: number;
    clock?: TestClock;
    webhooks?: WebhookOptions;
    /** The network the services see (loopback fakes of a provider). */
    fetch?: typeof fetch;
    /** Where uploads are staged. */
    dataDir?: string;
  } = {},
): Promise<ServiceFixture> {
  const clock = options.clock ?? new TestClock();
  const stamp = clock.now().toISOString();
  const owner = `own_${randomBytes(6).toString('hex')}`;
  const otherOwner = `own_${randomBytes(6).toString('hex')}`;
  await store.db
    .insertInto('owners')
    .values([
      { id: owner, password_hash: 'scrypt$test', created_at: stamp },
      { id: otherOwner, password_hash: 'scrypt$test', created_at: stamp },
    ])
    .execute();
  const services = createServices({
    store,
    vault: options.vault ?? keyedVault(),
    registry: options.registry ?? testRegistry(),
    deployment: { ...readyDeployment, ...options.deployment },
    clock: clock.now,
    ...(options.probeTimeoutMs === undefined ? {} : { probeTimeoutMs: options.probeTimeoutMs }),
    ...(options.webhooks === undefined ? {} : { webhooks: options.webhooks }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
  });
  return { services, clock, owner, otherOwner };
}

/** Runs `fn` and returns the ConnError code it threw (fails the test if it did not throw). */
export async function errorCodeOf(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? code : `non-conn-error: ${String(error)}`;
  }
  throw new Error('expected the call to throw');
}
