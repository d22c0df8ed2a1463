import { z } from 'zod';
import { ReadinessBlockerSchema } from '../plan';
import { KeyProviderSchema } from '../planning-context';

/**
 * `GET /v1/owner/deployment/readiness`: the instance's blockers, each worded
 * for whoever can fix it, and the credential key provider in use.
 *
 * @example
 * const { ready, blockers } = await client.readiness();
 */
export const DeploymentReadinessSchema = z.strictObject({
  ready: z.boolean(),
  credential_key_provider: KeyProviderSchema,
  blockers: z.array(ReadinessBlockerSchema),
});
export type DeploymentReadiness = z.infer<typeof DeploymentReadinessSchema>;
