import { z } from 'zod';
import { CredentialKindSchema, ModalitySchema, PlatformSchema } from './vocabulary';

/** A connector key: lowercase, hyphenated, stable forever once published. */
export const ConnectorKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,62}$/, 'a connector key is lowercase letters, digits and hyphens');

const identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'use lowercase letters, digits and underscores');

const httpsOrHttpUrl = z.url({ protocol: /^https?$/ });

/** A data stream a connector collects (repositories, messages, visits…). */
export const StreamSchema = z.strictObject({
  name: identifier,
  label: z.string().min(1),
  description: z.string().min(1),
  /** The record field whose value makes re-ingest an idempotent upsert. */
  record_key: z.string().min(1),
});
export type Stream = z.infer<typeof StreamSchema>;

/** One field of a static-secret credential form. */
export const CredentialFieldSchema = z
  .strictObject({
    name: identifier,
    label: z.string().min(1),
    type: z.enum(['text', 'password', 'url', 'email', 'number']),
    /** Secret fields are sealed; non-secret ones are stored as connection metadata. */
    secret: z.boolean(),
    required: z.boolean().default(true),
    help_url: httpsOrHttpUrl.optional(),
    help: z.string().optional(),
    pattern: z.string().optional(),
    default: z.string().optional(),
    placeholder: z.string().optional(),
    advanced: z.boolean().default(false),
  })
  .superRefine((field, ctx) => {
    if (field.secret && field.default !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['default'],
        message: 'a secret field cannot have a default',
      });
    }
    if (field.pattern !== undefined) {
      try {
        new RegExp(field.pattern);
      } catch {
        ctx.addIssue({
          code: 'custom',
          path: ['pattern'],
          message: 'pattern is not a valid regular expression',
        });
      }
    }
  });
export type CredentialField = z.infer<typeof CredentialFieldSchema>;

const uniqueNames = (items: readonly { name: string }[], ctx: z.RefinementCtx, path: string) => {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.name)) {
      ctx.addIssue({
        code: 'custom',
        path: [path, index, 'name'],
        message: `duplicate name "${item.name}"`,
      });
    }
    seen.add(item.name);
  });
};

export const StaticSecretSetupSchema = z
  .strictObject({
    modality: z.literal('static_secret'),
    credential_kind: CredentialKindSchema,
    fields: z.array(CredentialFieldSchema).min(1),
  })
  .superRefine((setup, ctx) => {
    uniqueNames(setup.fields, ctx, 'fields');
    if (!setup.fields.some((field) => field.secret)) {
      ctx.addIssue({
        code: 'custom',
        path: ['fields'],
        message: 'a static-secret setup needs at least one secret field',
      });
    }
  });

export const LocalCollectorSetupSchema = z.strictObject({
  modality: z.literal('local_collector'),
  collector: z.strictObject({
    /** The argument of `conn collector run <name>`. */
    name: z.string().regex(/^[a-z][a-z0-9-]*$/),
    label: z.string().min(1),
    platforms: z.array(PlatformSchema).min(1),
    /** Where the collector reads by default, per platform, shown to the owner. */
    default_paths: z.partialRecord(PlatformSchema, z.string().min(1)).default({}),
  }),
});

export const AcquisitionGuideSchema = z.strictObject({
  platform: PlatformSchema,
  steps: z.array(z.string().min(1)).min(1),
  help_url: httpsOrHttpUrl.optional(),
});

export const ManualUploadSetupSchema = z.strictObject({
  modality: z.literal('manual_or_upload'),
  upload: z
    .strictObject({
      accepted_extensions: z.array(z.string().regex(/^\.[a-z0-9.]+$/)).default([]),
      accepted_names: z.array(z.string().min(1)).default([]),
      max_file_bytes: z.number().int().positive(),
      multi_file: z.boolean(),
      acquisition: z.array(AcquisitionGuideSchema).min(1),
    })
    .refine((u) => u.accepted_extensions.length + u.accepted_names.length > 0, {
      message: 'name at least one accepted extension or file name',
      path: ['accepted_extensions'],
    }),
});

/** Keys an operator enters for a provider OAuth app; never per connection. */
export const providerAppConfigKeys = ['client_id', 'client_secret', 'instance_url'] as const;

export const ProviderAuthorizationSetupSchema = z.strictObject({
  modality: z.literal('provider_authorization'),
  authorization: z.strictObject({
    provider_app: z.strictObject({
      /** Connectors that share one OAuth app share a group. */
      group: z.string().regex(/^[a-z][a-z0-9-]*$/),
      label: z.string().min(1),
      config_keys: z.array(z.enum(providerAppConfigKeys)).min(2),
      /** Where the provider lives unless the operator names another instance. */
      default_instance_url: httpsOrHttpUrl,
      registration_help_url: httpsOrHttpUrl.optional(),
    }),
    /** Paths below the instance URL, so self-managed instances use the same settings. */
    authorization_path: z.string().startsWith('/'),
    token_path: z.string().startsWith('/'),
    identity_path: z.string().startsWith('/'),
    /** Which field of the identity response names the account (e.g. `username`). */
    identity_field: z.string().min(1),
    scopes: z.array(z.string().min(1)).min(1),
    pkce: z.literal('S256'),
  }),
});

export const BrowserBoundSetupSchema = z.strictObject({
  modality: z.literal('browser_bound'),
  browser: z.strictObject({
    login_url: httpsOrHttpUrl,
    collector_label: z.string().min(1),
    platforms: z.array(PlatformSchema).min(1),
  }),
});

export const UnsupportedSetupSchema = z.strictObject({
  modality: z.literal('unsupported'),
  reason: z.string().min(1),
});

/** The setup block, discriminated by modality; each carries its own descriptor. */
export const SetupDescriptorSchema = z.discriminatedUnion('modality', [
  StaticSecretSetupSchema,
  LocalCollectorSetupSchema,
  ManualUploadSetupSchema,
  ProviderAuthorizationSetupSchema,
  BrowserBoundSetupSchema,
  UnsupportedSetupSchema,
]);
export type SetupDescriptor = z.infer<typeof SetupDescriptorSchema>;
export type SetupDescriptorOf<M extends SetupDescriptor['modality']> = Extract<
  SetupDescriptor,
  { modality: M }
>;

/**
 * Evidence that a connector's path worked end to end somewhere. A manifest may
 * ship one only with the evidence fields filled in: a flag is not a proof.
 */
export const ProofRecordSchema = z.strictObject({
  connector: ConnectorKeySchema,
  modality: ModalitySchema,
  connection_id: z.string().min(1),
  run_id: z.string().min(1),
  record_count: z.number().int().positive(),
  recorded_at: z.iso.datetime({ offset: true }),
  evidence_url: httpsOrHttpUrl.optional(),
});
export type ProofRecord = z.infer<typeof ProofRecordSchema>;

/** A connector manifest. Parsed once at the edge; everything downstream uses the parsed type. */
export const ManifestSchema = z
  .strictObject({
    key: ConnectorKeySchema,
    name: z.string().min(1),
    description: z.string().min(1),
    category: z.enum(['code', 'email', 'ai', 'messaging', 'location', 'shopping', 'other']),
    homepage_url: httpsOrHttpUrl.optional(),
    docs_url: httpsOrHttpUrl.optional(),
    streams: z.array(StreamSchema).min(1),
    setup: SetupDescriptorSchema,
    /**
     * How often the server syncs a live connection, or how often a device
     * collector is expected to report. Nothing succeeding for three of these
     * makes the connection stale. Default: `defaultSyncIntervalMinutes`.
     */
    sync_interval_minutes: z.number().int().min(1).max(43_200).optional(),
    proofs: z.array(ProofRecordSchema).default([]),
  })
  .superRefine((manifest, ctx) => {
    uniqueNames(manifest.streams, ctx, 'streams');
    manifest.proofs.forEach((proof, index) => {
      if (proof.connector !== manifest.key) {
        ctx.addIssue({
          code: 'custom',
          path: ['proofs', index, 'connector'],
          message: 'a shipped proof must name this connector',
        });
      }
      if (proof.modality !== manifest.setup.modality) {
        ctx.addIssue({
          code: 'custom',
          path: ['proofs', index, 'modality'],
          message: "a shipped proof must be for this connector's modality",
        });
      }
    });
  });
export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestInput = z.input<typeof ManifestSchema>;
