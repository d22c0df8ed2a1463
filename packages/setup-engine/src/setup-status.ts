import { z } from 'zod';
import { RemediationSchema } from './remediation';
import {
  ConnectionStatusSchema,
  ModalitySchema,
  RunStatusSchema,
  SetupStateSchema,
} from './vocabulary';

const timestamp = z.iso.datetime({ offset: true });

/** The connection's current run (queued or running) or, when none is, its latest one. */
export const RunSummarySchema = z.strictObject({
  id: z.string().min(1),
  /** `first_sync`, `sync` or `import`. */
  kind: z.string().min(1),
  status: RunStatusSchema,
  /** Short stage name the collector last reported (`repositories`, `importing`). */
  stage: z.string().nullable(),
  records_accepted: z.number().int().nonnegative(),
  /** A secret-free snake_case code, never free text from a provider. */
  error_code: z.string().nullable(),
  created_at: timestamp,
  finished_at: timestamp.nullable(),
  /** When the owner undid this import (its records are gone); absent from older servers. */
  undone_at: timestamp.nullable().default(null),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

/**
 * What a read may say about a credential: metadata only. There is no field a
 * value could travel in; the object is strict, so adding one fails parsing.
 */
export const CredentialMetadataSchema = z.strictObject({
  /** A `CredentialKind` for sealed static secrets; `collector_token` or `oauth_tokens` otherwise. */
  kind: z.string().min(1),
  present: z.boolean(),
  /** Short non-reversible display value (12 hex characters) of a sealed credential, else null. */
  fingerprint: z.string().nullable(),
  validated_at: timestamp.nullable(),
  rotated_at: timestamp.nullable(),
  /** When the provider said the credential stops working by itself, else null; absent from older servers. */
  expires_at: timestamp.nullable().default(null),
});
export type CredentialMetadata = z.infer<typeof CredentialMetadataSchema>;

/** Who the connection is, as the provider, collector or artifact reported it (identity echo). */
export const AccountIdentitySchema = z.strictObject({
  id: z.string().nullable(),
  label: z.string().nullable(),
});

/**
 * Another connection of the same connector that holds the same account (the
 * same identity echo): surfaces say so and offer that one's repair or
 * update, since a second connection of one account is rarely meant.
 */
export const SameAccountSchema = z.strictObject({
  connection_id: z.string().min(1),
  label: z.string().nullable(),
  status: ConnectionStatusSchema,
});
export type SameAccount = z.infer<typeof SameAccountSchema>;

/**
 * How a live connection keeps working: its sync schedule (server-collected
 * connections) or its collector's last report (device collectors). `stale`
 * is true when nothing succeeded for three intervals, or a device collector
 * has been silent past its window; the connection then needs attention.
 */
export const SyncHealthSchema = z.strictObject({
  /** How often the server syncs it, or how long its collector may stay silent. */
  interval_seconds: z.number().int().positive(),
  last_success_at: timestamp.nullable(),
  last_failure_at: timestamp.nullable(),
  consecutive_failures: z.number().int().nonnegative(),
  /** When the server syncs it next; null for device collectors and while a sync runs. */
  next_sync_at: timestamp.nullable(),
  stale: z.boolean(),
});
export type SyncHealth = z.infer<typeof SyncHealthSchema>;

/**
 * The durable setup-status view of one connection, draft or live: what
 * `GET /v1/owner/connections/:id/setup-status` returns and every surface
 * renders. `setup_state` and `remediation` are projected by
 * `projectSetupState`, never stored.
 *
 * @example
 * const status = SetupStatusSchema.parse(await response.json());
 * if (status.setup_state === 'first_sync_failed') render(status.remediation);
 */
export const SetupStatusSchema = z.strictObject({
  connection_id: z.string().min(1),
  connector: z.string().min(1),
  modality: ModalitySchema,
  /** The owner's label, or the echoed identity when the owner typed none. */
  label: z.string().nullable(),
  account: AccountIdentitySchema.nullable(),
  /** The oldest other connection of this connector with the same account; absent from older servers. */
  same_account: SameAccountSchema.nullable().default(null),
  status: ConnectionStatusSchema,
  setup_state: SetupStateSchema,
  /** True when the owner explicitly took a path that had no recorded proof yet. */
  unproven: z.boolean(),
  run: RunSummarySchema.nullable(),
  /** Records stored for this connection over all runs (kept after revocation). */
  records_total: z.number().int().nonnegative(),
  credential: CredentialMetadataSchema.nullable(),
  /** Null until the connection is live, and for imports (they do not sync); absent from older servers. */
  health: SyncHealthSchema.nullable().default(null),
  remediation: RemediationSchema.nullable(),
  expires_at: timestamp.nullable(),
  activated_at: timestamp.nullable(),
  revoked_at: timestamp.nullable(),
  created_at: timestamp,
});
export type SetupStatus = z.infer<typeof SetupStatusSchema>;
