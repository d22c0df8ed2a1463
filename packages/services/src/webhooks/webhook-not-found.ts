import { ConnError } from '@conn/setup-engine';

/**
 * The error for a webhook id that is not one of the owner's live webhooks.
 *
 * @example
 * if (row === undefined) throw webhookNotFound(webhookId);
 */
export function webhookNotFound(webhookId: string): ConnError<'webhook_not_found'> {
  return new ConnError('webhook_not_found', `No webhook ${webhookId}.`);
}
