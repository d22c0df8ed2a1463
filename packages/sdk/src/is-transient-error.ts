import { ConnApiError } from './conn-api-error';
import { ConnNetworkError } from './conn-network-error';

/** A failure that trying again later can fix: the network, 429 and 5xx answers. */
export function isTransientError(error: unknown): boolean {
  if (error instanceof ConnNetworkError) return true;
  return error instanceof ConnApiError && (error.status === 429 || error.status >= 500);
}
