import { ConnError } from '@conn/setup-engine';

/**
 * The error for a webhook id that is not one of the owner's live webhooks;
 * it never quotes the id the caller sent.
 *
 * @example
 * if (row === undefined) throw webhookNotFound();
 */
export function webhookNotFound(): ConnError<'webhook_not_found'> {
  return new ConnError('webhook_not_found', 'There is no such webhook for this owner.');
}
