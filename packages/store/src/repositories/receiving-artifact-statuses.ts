import type { ArtifactStatus } from '@conn/setup-engine';

/** An upload still arriving or being checked: its receiver heartbeats it until a verdict. */
export const receivingArtifactStatuses = [
  'uploaded',
  'validating',
] as const satisfies readonly ArtifactStatus[];
