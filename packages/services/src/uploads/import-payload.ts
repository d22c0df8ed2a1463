import { z } from 'zod';

/**
 * What an import run's payload holds: the artifacts it imports, in the
 * owner's order, and the owner's picks among the readings their validation
 * offered (none on runs queued before readings existed).
 */
export const ImportPayloadSchema = z.object({
  artifact_ids: z.array(z.string().min(1)).min(1),
  readings: z.record(z.string(), z.string()).default({}),
});
