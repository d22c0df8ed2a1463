import { type ArtifactStatus, ArtifactStatusSchema } from '@conn/setup-engine';
import type { UploadArtifactRow } from '@conn/store';

/**
 * The status an artifact row reads as at `now`: a staged artifact past its
 * lifetime is `expired`, whether or not the sweeper has written that yet.
 *
 * @example
 * if (effectiveArtifactStatus(row, now) !== 'staged') refuse(row);
 */
export function effectiveArtifactStatus(row: UploadArtifactRow, now: Date): ArtifactStatus {
  const status = ArtifactStatusSchema.parse(row.status);
  if (status === 'staged' && Date.parse(row.expires_at) <= now.getTime()) return 'expired';
  return status;
}
