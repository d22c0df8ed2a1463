import type { z } from 'zod';
import type { ErrorCategory } from '../errors';
import type { ContractTag } from './contract-tags';

/** Who may call a route: an owner session, an owner-agent token, or a collector token. */
export type AuthKind = 'owner' | 'agent' | 'collector';

/** The HTTP methods of the contract; `ALL` answers every method the same (only `/mcp`). */
export type ContractMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'ALL';

/**
 * One route of the REST contract: where it is, who may call it, and the
 * schemas of what goes in and comes out. REST registers its handler from
 * this entry; the SDK builds its request from it and reads the answer with
 * its `response` schema.
 */
export interface ContractRoute {
  /** Stable name of the operation, used as the OpenAPI `operationId`. */
  readonly operationId: string;
  readonly method: ContractMethod;
  /** Path template; `:name` marks a path parameter. */
  readonly path: string;
  /** Principals the route accepts; empty for public routes (login, enrollment, the OAuth callback). */
  readonly auth: readonly AuthKind[];
  /** The group the route belongs to (an OpenAPI tag). */
  readonly tag: ContractTag;
  /** One line for the OpenAPI document. */
  readonly summary: string;
  /**
   * Refusals beyond those every route of its kind can answer (bad input,
   * authentication, a missing resource, a conflicting change, the server
   * unavailable): a rejected credential or file (`rejected`), rate limits.
   */
  readonly errors?: readonly ErrorCategory[];
  /** The status of a successful answer. */
  readonly status: 200 | 201 | 202 | 204;
  readonly params?: z.ZodType;
  readonly querystring?: z.ZodType;
  readonly headers?: z.ZodType;
  readonly body?: z.ZodType;
  /** `raw`: the body is the uploaded file itself (`application/octet-stream`), never buffered. */
  readonly bodyKind?: 'json' | 'raw';
  /** The JSON answer's schema; null when a success carries no JSON body. */
  readonly response: z.ZodType | null;
}

/** Declares a route, keeping its literal types for the SDK and REST. */
export function defineRoute<const R extends ContractRoute>(route: R): R {
  return Object.freeze(route);
}
