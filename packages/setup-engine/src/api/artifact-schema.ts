import { z } from 'zod';
import { ArtifactStatusSchema } from '../vocabulary';

/**
 * An uploaded file as `POST /v1/owner/uploads` and `GET /v1/owner/uploads/:id`
 * answer it. The contract names `id` and `status`; other fields the server
 * sends (the validator's report, file name, size) are kept as they come.
 *
 * @example
 * const artifact = await client.artifact(artifactId);
 * if (artifact.status === 'staged') await client.importArtifacts({ artifact_ids: [artifact.id], target });
 */
export const ArtifactSchema = z.looseObject({
  id: z.string().min(1),
  status: ArtifactStatusSchema,
});
export type Artifact = z.infer<typeof ArtifactSchema>;
