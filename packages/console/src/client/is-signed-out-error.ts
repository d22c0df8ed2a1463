import { ConnApiError } from '@conn/sdk';

/** True for the answer a request gets when the console session is missing or over. */
export function isSignedOutError(error: unknown): boolean {
  return error instanceof ConnApiError && error.status === 401;
}
