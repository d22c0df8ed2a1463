import type { SetupStatus } from '@conn/sdk';

/**
 * Whether a live connection belongs in the repair inbox: the server marked it
 * as needing attention, or it offers a repair for it. Pending setups are
 * listed with the pending ones, never here.
 */
export function needsRepair(connection: SetupStatus): boolean {
  if (connection.status === 'draft' || connection.status === 'revoked') return false;
  return connection.status === 'needs_attention' || connection.remediation !== null;
}
