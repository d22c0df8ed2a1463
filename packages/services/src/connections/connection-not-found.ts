import { ConnError } from '@conn/setup-engine';

/**
 * The `connection_not_found` error, the same for another owner's connection
 * and a missing one, so ids cannot be probed across owners.
 *
 * @example
 * if (row === undefined) throw connectionNotFound();
 */
export function connectionNotFound(): ConnError<'connection_not_found'> {
  // The requested id is not echoed: ids come from callers and are not trusted text.
  return new ConnError('connection_not_found', 'There is no such connection for this owner.');
}
