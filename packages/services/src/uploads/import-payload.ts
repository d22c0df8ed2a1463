import { z } from 'zod';

/** What an import run's payload holds: the artifacts it imports, in the owner's order. */
export const ImportPayloadSchema = z.object({
  artifact_ids: z.array(z.string().min(1)).min(1),
});
