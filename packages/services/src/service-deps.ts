import type { ConnectorRegistry, FetchFunction } from '@conn/connectors';
import type { PlanningContext } from '@conn/setup-engine';
import type { CredentialVault, Store } from '@conn/store';
import type { AttemptPolicies } from './attempts/attempt-policy';
import type { UploadLease } from './uploads/upload-lease';
import type { WebhookSettings } from './webhooks/webhook-settings';

/** The instance-level facts the planner needs: key provider, provider apps, public origin. */
export type DeploymentSettings = PlanningContext['deployment'];

/**
 * Everything a service reads from outside itself. Built once by `createServices`,
 * frozen, and passed as the first argument to every service function.
 */
export interface ServiceDeps {
  readonly store: Store;
  readonly vault: CredentialVault;
  readonly registry: ConnectorRegistry;
  readonly deployment: DeploymentSettings;
  /** The clock every timestamp and expiry comes from, so tests can move time. */
  readonly clock: () => Date;
  /** How long a credential probe may take before it counts as `probe_timeout`. */
  readonly probeTimeoutMs: number;
  /** The `fetch` handed to probes, so tests point them at loopback fakes. */
  readonly fetch: FetchFunction;
  /**
   * The server's data directory: staged upload artifacts (`artifacts/<id>/`) and
   * content-addressed blobs (`blobs/`) live under it. Null when the host gave
   * none; uploads are then unavailable (`setup_not_available`).
   */
  readonly dataDir: string | null;
  /** How webhook URLs are checked and deliveries timed and retried. */
  readonly webhooks: WebhookSettings;
  /** How long a receiving process holds an upload before another may call it interrupted. */
  readonly uploadLease: UploadLease;
  /** The operator's sync interval for every connector, overriding manifests; null keeps theirs. */
  readonly syncIntervalMs: number | null;
  /** How many guesses at the owner password and at enrollment codes a client gets. */
  readonly attemptPolicies: AttemptPolicies;
}

/**
 * Who performs an action, as audit events record it: the owner, one of the
 * owner's agent tokens, a collector token, or the server itself (sweeper, workers).
 */
export type Actor = 'owner' | 'system' | `agent:${string}` | `collector:${string}`;
