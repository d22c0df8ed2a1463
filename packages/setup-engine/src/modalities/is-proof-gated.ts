import { type Modality, modalities } from '../vocabulary';
import { rulesFor } from './modality-rules-table';

/** Whether a modality needs a recorded proof before it counts as supported. */
export function isProofGated(modality: Modality): boolean {
  return rulesFor(modality).proofGated;
}

/**
 * Modalities whose path reaches a remote provider, so they must be proven
 * end to end in a deployment before they are advertised as `supported`.
 */
export const proofGatedModalities: readonly Modality[] = modalities.filter(isProofGated);
