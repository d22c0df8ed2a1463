import type { Intent } from '@conn/setup-engine';
import { ConnError } from '@conn/setup-engine';
import { findOwnedIntent } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { readIntent } from './read-intent';

/**
 * An intent as it stands now, with the connection id once one exists. Its
 * status follows the connection: `completed` once it is live, `expired` once
 * its attempt was retired or ran out. A one-time enrollment code is never
 * shown again here.
 *
 * @example
 * const intent = await services.getIntent(ownerId, intentId);
 * if (intent.status === 'completed') open(intent.connection_id);
 */
export async function getIntent(
  deps: ServiceDeps,
  ownerId: string,
  intentId: string,
): Promise<Intent> {
  const row = await findOwnedIntent(deps.store.db, ownerId, intentId);
  if (row === undefined) throw new ConnError('intent_not_found', 'There is no such intent.');
  return readIntent(deps, row, { reissueCode: false, actor: 'owner' });
}
