import type { ErrorCode } from '@conn/setup-engine';

/** A code from the engine's catalog, or a newer one this SDK does not know yet. */
export type ApiErrorCode = ErrorCode | (string & {});

/**
 * The server answered with its one error shape
 * (`{ error: { code, message, details? } }`). `code` is the stable
 * snake_case code to switch on; `message` is owner-readable and never holds
 * a secret or the caller's token.
 *
 * @example
 * try {
 *   await client.submitCredential(connectionId, { token });
 * } catch (error) {
 *   if (error instanceof ConnApiError && error.code === 'credential_rejected') askAgain(error.message);
 * }
 */
export class ConnApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  /** How long the server (or a proxy before it) asked to wait, from `Retry-After`. */
  readonly retryAfterMs: number | undefined;

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    details?: Readonly<Record<string, unknown>>,
    retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ConnApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterMs = retryAfterMs;
  }

  /** True when the error carries `code`, narrowing `code` for the caller. */
  is<C extends ErrorCode>(code: C): this is ConnApiError & { code: C } {
    return this.code === code;
  }
}
