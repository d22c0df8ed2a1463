import type { z } from 'zod';

/**
 * The server answered, but not in the shape the contract promises: a body
 * that is not JSON, fails the response schema (`issues` says where), or an
 * error status without the conn error body (a proxy's 502 page). Usually a
 * version mismatch between this SDK and the server, or something in between.
 *
 * @example
 * catch (error) { if (error instanceof ConnResponseError) log(error.route, error.issues); }
 */
export class ConnResponseError extends Error {
  readonly status: number;
  /** `METHOD /path` of the request, without query string or host. */
  readonly route: string;
  /** Schema issues when the body was JSON of the wrong shape; empty otherwise. */
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(
    message: string,
    facts: { status: number; route: string; issues?: readonly z.core.$ZodIssue[]; cause?: unknown },
  ) {
    super(message, facts.cause === undefined ? undefined : { cause: facts.cause });
    this.name = 'ConnResponseError';
    this.status = facts.status;
    this.route = facts.route;
    this.issues = facts.issues ?? [];
  }
}
