import { ConnError } from '@conn/setup-engine';

/** The error for a request that lost a race with another change to the same connection. */
export function changedConcurrently(): ConnError<'illegal_transition'> {
  return new ConnError(
    'illegal_transition',
    'This connection changed while the request ran. Read its status and try again.',
  );
}
