import { z } from 'zod';
import { ActionSchema } from './plan';
import { RemediationKindSchema } from './vocabulary';

/** The one repair action offered with a failed or degraded setup. */
export const RemediationSchema = z.strictObject({
  kind: RemediationKindSchema,
  label: z.string().min(1),
  description: z.string().min(1),
  action: ActionSchema.nullable(),
});
export type Remediation = z.infer<typeof RemediationSchema>;
