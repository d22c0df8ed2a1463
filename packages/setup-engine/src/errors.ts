import { z } from 'zod';

/**
 * Every error conn reports has a stable snake_case `code`. Each code belongs to
 * one category; the REST layer maps categories to HTTP statuses in one place.
 */
export const errorCategories = [
  'bad_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'too_large',
  'headers_too_large',
  'timeout',
  'rejected',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCategory = (typeof errorCategories)[number];

/** The catalog of error codes and the category each belongs to. */
export const errorCodes = {
  invalid_request: 'bad_input',
  invalid_manifest: 'bad_input',
  unproven_path_not_confirmed: 'bad_input',
  client_outdated: 'bad_input',
  webhook_target_not_allowed: 'bad_input',
  invalid_characters: 'bad_input',
  json_too_deep: 'bad_input',
  confirmation_mismatch: 'bad_input',
  unauthenticated: 'unauthenticated',
  invalid_credentials: 'unauthenticated',
  forbidden: 'forbidden',
  owner_session_required: 'forbidden',
  csrf_rejected: 'forbidden',
  mcp_setup_not_supported: 'forbidden',
  connector_not_found: 'not_found',
  connection_not_found: 'not_found',
  intent_not_found: 'not_found',
  artifact_not_found: 'not_found',
  run_not_found: 'not_found',
  agent_token_not_found: 'not_found',
  webhook_not_found: 'not_found',
  webhook_delivery_not_found: 'not_found',
  device_not_found: 'not_found',
  route_not_found: 'not_found',
  illegal_transition: 'conflict',
  modality_mismatch: 'conflict',
  already_active: 'conflict',
  enrollment_code_invalid: 'conflict',
  idempotency_conflict: 'conflict',
  setup_not_available: 'conflict',
  run_not_claimable: 'conflict',
  artifact_not_staged: 'conflict',
  run_not_undoable: 'conflict',
  same_account: 'conflict',
  payload_too_large: 'too_large',
  headers_too_large: 'headers_too_large',
  request_timeout: 'timeout',
  credential_rejected: 'rejected',
  current_password_incorrect: 'rejected',
  artifact_invalid: 'rejected',
  rate_limited: 'rate_limited',
  credential_key_unavailable: 'unavailable',
  credential_key_mismatch: 'unavailable',
  provider_app_not_configured: 'unavailable',
  probe_timeout: 'unavailable',
  provider_unavailable: 'unavailable',
  served_cli_unavailable: 'unavailable',
  database_unavailable: 'unavailable',
  worker_lost: 'internal',
  internal_error: 'internal',
} as const satisfies Record<string, ErrorCategory>;

export type ErrorCode = keyof typeof errorCodes;
export const ErrorCodeSchema = z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]);

/** JSON-safe details an error may carry (never a secret). */
export type ErrorDetails = Record<string, string | number | boolean | null | readonly string[]>;

/** The serialized error: a discriminated union over `code`. */
export type ConnErrorShape = {
  [C in ErrorCode]: { code: C; message: string; details?: ErrorDetails };
}[ErrorCode];

export const ErrorBodySchema = z.strictObject({
  error: z.strictObject({
    code: ErrorCodeSchema,
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/**
 * A typed error. Messages are owner-readable and must never include a secret:
 * they are built from non-secret facts only.
 *
 * @example
 * throw new ConnError('connector_not_found', 'No connector named "x" in this catalog.');
 */
export class ConnError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly category: (typeof errorCodes)[C];
  readonly details: ErrorDetails | undefined;

  constructor(code: C, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'ConnError';
    this.code = code;
    this.category = errorCodes[code];
    this.details = details;
  }

  toJSON(): ConnErrorShape {
    return (
      this.details === undefined
        ? { code: this.code, message: this.message }
        : { code: this.code, message: this.message, details: this.details }
    ) as ConnErrorShape;
  }
}

/** True when `value` is a ConnError, optionally with a given code. */
export function isConnError<C extends ErrorCode>(value: unknown, code?: C): value is ConnError<C> {
  return value instanceof ConnError && (code === undefined || value.code === code);
}
