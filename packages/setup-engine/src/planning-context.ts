import { z } from 'zod';
import { ProofRecordSchema } from './manifest';
import { ImplementationKindSchema } from './vocabulary';

/** Where the deployment's credential key comes from, or null when there is none. */
export const KeyProviderSchema = z.enum(['env', 'file', 'generated']).nullable();
export type KeyProvider = z.infer<typeof KeyProviderSchema>;

/**
 * What the planner knows about this deployment. Built by the server from the
 * store and its settings; built by tests and the SDK by hand.
 */
export const PlanningContextSchema = z.strictObject({
  deployment: z.strictObject({
    credential_key_provider: KeyProviderSchema,
    /** Provider app groups the operator has configured. */
    provider_apps: z.array(z.string()),
    public_origin: z.string().nullable(),
    disk_space_low: z.boolean().default(false),
  }),
  /** Proofs recorded in this deployment's store. */
  proofs: z.array(ProofRecordSchema),
  /** Registered implementations per connector key. */
  implementations: z.record(z.string(), z.array(ImplementationKindSchema)),
});
export type PlanningContext = z.input<typeof PlanningContextSchema>;
