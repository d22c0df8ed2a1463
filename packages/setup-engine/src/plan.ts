import { z } from 'zod';
import { AcquisitionGuideSchema, CredentialFieldSchema } from './manifest';
import {
  CredentialKindSchema,
  MaterializationSchema,
  ModalitySchema,
  NextStepKindSchema,
  PlatformSchema,
  SupportStateSchema,
  ValidationModeSchema,
} from './vocabulary';

/** A route a surface calls to take a step. */
export const ActionSchema = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']),
  path: z.string().startsWith('/'),
});
export type Action = z.infer<typeof ActionSchema>;

/** The one owner action a plan points at. */
export const NextStepSchema = z.strictObject({
  kind: NextStepKindSchema,
  label: z.string().min(1),
  description: z.string().min(1),
  action: ActionSchema.nullable(),
  materializes: MaterializationSchema,
  /** True when the path has no recorded proof here: surfaces must label it and ask to confirm. */
  unproven: z.boolean(),
});
export type NextStep = z.infer<typeof NextStepSchema>;

export const ProofGateSchema = z.strictObject({
  reason: z.string().min(1),
  learn_more_url: z.string().nullable(),
  unproven_attempt_allowed: z.boolean(),
});
export type ProofGate = z.infer<typeof ProofGateSchema>;

export const readinessBlockerCodes = [
  'credential_key_missing',
  'provider_app_missing',
  'public_origin_missing',
  'disk_space_low',
] as const;

/** An instance-level prerequisite that is missing, worded for whoever can fix it. */
export const ReadinessBlockerSchema = z.strictObject({
  code: z.enum(readinessBlockerCodes),
  label: z.string().min(1),
  action: z.string().min(1),
  audience: z.enum(['operator', 'owner']),
  /** The route that fixes it from the console, when there is one. */
  fix: ActionSchema.nullable(),
});
export type ReadinessBlocker = z.infer<typeof ReadinessBlockerSchema>;

export const ReadinessSchema = z.strictObject({
  ready: z.boolean(),
  blockers: z.array(ReadinessBlockerSchema),
});
export type Readiness = z.infer<typeof ReadinessSchema>;

/** The modality's descriptor as surfaces render it: form fields, upload rules, collector commands. */
export const PlanDescriptorSchema = z.discriminatedUnion('modality', [
  z.strictObject({
    modality: z.literal('static_secret'),
    credential_kind: CredentialKindSchema,
    fields: z.array(CredentialFieldSchema),
  }),
  z.strictObject({
    modality: z.literal('local_collector'),
    collector: z.strictObject({
      name: z.string(),
      label: z.string(),
      platforms: z.array(PlatformSchema),
      default_paths: z.partialRecord(PlatformSchema, z.string()),
      install_command: z.string(),
      enroll_command: z.string(),
      run_command: z.string(),
    }),
  }),
  z.strictObject({
    modality: z.literal('manual_or_upload'),
    upload: z.strictObject({
      accepted_extensions: z.array(z.string()),
      accepted_names: z.array(z.string()),
      max_file_bytes: z.number().int().positive(),
      multi_file: z.boolean(),
      acquisition: z.array(AcquisitionGuideSchema),
    }),
  }),
  z.strictObject({
    modality: z.literal('provider_authorization'),
    authorization: z.strictObject({
      provider_app_group: z.string(),
      provider_app_label: z.string(),
      scopes: z.array(z.string()),
      pkce: z.literal('S256'),
      redirect_path: z.string(),
      /** The exact redirect URI to register with the provider; null until the server knows its public origin. */
      redirect_uri: z.string().nullable(),
    }),
  }),
  z.strictObject({
    modality: z.literal('browser_bound'),
    browser: z.strictObject({
      login_url: z.string(),
      collector_label: z.string(),
      platforms: z.array(PlatformSchema),
    }),
  }),
  z.strictObject({ modality: z.literal('unsupported'), reason: z.string() }),
]);
export type PlanDescriptor = z.infer<typeof PlanDescriptorSchema>;

/**
 * The serialized setup plan: the one shape console, REST, CLI and SDK all
 * render. Absent values are `null`, never missing, so the JSON is stable.
 */
export const SetupPlanSchema = z.strictObject({
  connector: z.strictObject({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    category: z.string(),
    homepage_url: z.string().nullable(),
    docs_url: z.string().nullable(),
  }),
  modality: ModalitySchema,
  support_state: SupportStateSchema,
  /** Owner-readable: why the support state is what it is. */
  support_reason: z.string(),
  next_step: NextStepSchema,
  proof_gate: ProofGateSchema.nullable(),
  readiness: ReadinessSchema,
  validation_mode: ValidationModeSchema.nullable(),
  descriptor: PlanDescriptorSchema,
  streams: z.array(
    z.strictObject({ name: z.string(), label: z.string(), description: z.string() }),
  ),
});
export type SetupPlan = z.infer<typeof SetupPlanSchema>;
