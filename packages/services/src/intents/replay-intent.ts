import type { Intent } from '@conn/setup-engine';
import { ConnError } from '@conn/setup-engine';
import type { IntentRow } from '@conn/store';
import type { Actor, ServiceDeps } from '../service-deps';
import { readIntent } from './read-intent';

/**
 * The stored intent an idempotent retry gets back, read as it stands now; the
 * same key with another request body is `idempotency_conflict`.
 *
 * @example
 * if (existing !== undefined) return replayIntent(deps, existing, requestHash, actor);
 */
export async function replayIntent(
  deps: ServiceDeps,
  row: IntentRow,
  requestHash: string,
  actor: Actor,
): Promise<Intent> {
  if (row.request_hash !== requestHash) {
    throw new ConnError(
      'idempotency_conflict',
      'This Idempotency-Key was already used for a different request. Use a new key.',
    );
  }
  return readIntent(deps, row, { reissueCode: true, actor });
}
