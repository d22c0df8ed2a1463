import type { WebhookDelivery } from '@conn/sdk';

/** Where a delivery stands, in the owner's words. */
export function deliveryStatusWords(status: WebhookDelivery['status']): string {
  switch (status) {
    case 'pending':
      return 'Waiting to be sent';
    case 'succeeded':
      return 'Delivered';
    case 'failed':
      return 'Failed: no more retries';
    case 'cancelled':
      return 'Cancelled';
    case 'unknown':
      return 'Unknown state';
  }
}

/** Why the last attempt did not get through, in the owner's words. */
export function deliveryErrorWords(
  error: NonNullable<WebhookDelivery['last_error']>,
  statusCode: number | null,
): string {
  switch (error) {
    case 'http_error':
      return statusCode === null
        ? 'The receiver refused it.'
        : `The receiver answered with HTTP status ${statusCode}.`;
    case 'timeout':
      return 'The receiver did not answer within 10 seconds.';
    case 'unreachable':
      return 'The receiver could not be reached.';
    case 'target_not_allowed':
      return 'The address points somewhere this server does not send to.';
    case 'secret_unavailable':
      return 'The signing secret could not be opened on this server.';
    case 'unknown':
      return 'The last attempt did not get through.';
  }
}
