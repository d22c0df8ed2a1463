import {
  ConnApiError,
  ConnNetworkError,
  ConnResponseError,
  SetupFailedError,
  SetupTimeoutError,
} from '@conn/sdk';
import { ConnError } from '@conn/setup-engine';
import { PromptCancelledError } from './prompt-cancelled-error';

/**
 * The one line a failed command prints on stderr: the server's (or the
 * CLI's) error code and its owner-readable message, never a stack trace.
 *
 * @example
 * describeFailure(new ConnApiError(404, 'connector_not_found', 'No connector named "x" in this catalog.'));
 * // 'error: No connector named "x" in this catalog. (connector_not_found)'
 */
export function describeFailure(error: unknown): string {
  if (error instanceof ConnApiError || error instanceof ConnError) {
    return `error: ${error.message} (${error.code})`;
  }
  if (error instanceof SetupFailedError) {
    return `error: ${error.message} (${error.status.setup_state})`;
  }
  if (
    error instanceof SetupTimeoutError ||
    error instanceof ConnNetworkError ||
    error instanceof ConnResponseError ||
    error instanceof PromptCancelledError
  ) {
    return `error: ${error.message}`;
  }
  if (error instanceof Error) return `error: ${error.message}`;
  return `error: ${String(error)}`;
}
