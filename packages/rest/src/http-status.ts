import type { ErrorCategory } from '@conn/setup-engine';

/** The one place error categories become HTTP statuses. */
export const httpStatusByCategory: Record<ErrorCategory, number> = {
  bad_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  headers_too_large: 431,
  timeout: 408,
  rejected: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};
