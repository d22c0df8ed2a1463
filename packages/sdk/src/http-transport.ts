import { ErrorBodySchema } from '@conn/setup-engine';
import { z } from 'zod';
import { ConnApiError } from './conn-api-error';
import { ConnNetworkError } from './conn-network-error';
import { ConnResponseError } from './conn-response-error';
import type { FetchLike } from './fetch-like';

/** One HTTP call: where, what to send, and the schema its answer must match (null: no body). */
export interface HttpCall<S extends z.ZodType | null> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the base URL, segments already encoded. */
  path: string;
  query?: Readonly<Record<string, string | number | undefined>>;
  /** A JSON body. */
  json?: unknown;
  /** A raw body (uploads); sent with `duplex: 'half'` when it is a stream. */
  body?: Blob | ArrayBuffer | Uint8Array | ReadableStream<Uint8Array>;
  headers?: Readonly<Record<string, string>>;
  /** False for routes that must never see a bearer (login, collector enrollment). */
  authenticated?: boolean;
  signal?: AbortSignal | undefined;
  schema: S;
}

type Answer<S extends z.ZodType | null> = S extends z.ZodType ? z.output<S> : undefined;

/** Lenient fallback for error codes newer than this SDK's engine catalog. */
const LooseErrorBodySchema = z.object({
  error: z.object({
    code: z.string().min(1),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

/**
 * Sends calls to one conn server and turns every answer into a validated
 * value or a typed error. Holds the token privately and scrubs it from every
 * message it builds, so no error can carry it.
 */
export class HttpTransport {
  readonly baseUrl: string;
  readonly #token: string | null;
  readonly #fetch: FetchLike;

  constructor(baseUrl: string, token: string | null, fetchImpl: FetchLike) {
    this.baseUrl = baseUrl;
    this.#token = token;
    this.#fetch = fetchImpl;
  }

  get authenticated(): boolean {
    return this.#token !== null;
  }

  /** The same server and fetch with another token. */
  withToken(token: string | null): HttpTransport {
    return new HttpTransport(this.baseUrl, token, this.#fetch);
  }

  async send<S extends z.ZodType | null>(call: HttpCall<S>): Promise<Answer<S>> {
    const route = `${call.method} ${call.path}`;
    const response = await this.#exchange(call, route);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.#networkError(error, route, call.signal);
    }
    if (!response.ok) throw this.#apiError(response.status, text, route);
    if (call.schema === null) return undefined as Answer<S>;
    const parsed = call.schema.safeParse(this.#json(text, response.status, route));
    if (parsed.success) return parsed.data as Answer<S>;
    const where = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new ConnResponseError(
      this.#redact(`The answer to ${route} does not match the conn contract (${where}).`),
      { status: response.status, route, issues: parsed.error.issues, cause: parsed.error },
    );
  }

  async #exchange(call: HttpCall<z.ZodType | null>, route: string): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    if (this.#token !== null && call.authenticated !== false) {
      headers.authorization = `Bearer ${this.#token}`;
    }
    const init: RequestInit & { duplex?: 'half' } = { method: call.method, headers };
    if (call.signal !== undefined) init.signal = call.signal;
    if (call.json !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(call.json);
    } else if (call.body !== undefined) {
      init.body = call.body;
      // Streaming request bodies must say so (fetch spec); Node and HTTP/2 browsers accept it.
      if (call.body instanceof ReadableStream) init.duplex = 'half';
    }
    try {
      return await this.#fetch(this.#url(call), init);
    } catch (error) {
      throw this.#networkError(error, route, call.signal);
    }
  }

  #url(call: HttpCall<z.ZodType | null>): string {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) query.set(name, String(value));
    }
    const search = query.toString();
    return `${this.baseUrl}${call.path}${search === '' ? '' : `?${search}`}`;
  }

  #json(text: string, status: number, route: string): unknown {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ConnResponseError(`The answer to ${route} is not JSON.`, {
        status,
        route,
        cause: error,
      });
    }
  }

  #apiError(status: number, text: string, route: string): Error {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const known = ErrorBodySchema.safeParse(body);
    const parsed = known.success ? known : LooseErrorBodySchema.safeParse(body);
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      return new ConnApiError(status, code, this.#redact(message), details);
    }
    return new ConnResponseError(
      `The server answered ${status} to ${route} without a conn error body.`,
      { status, route },
    );
  }

  #networkError(error: unknown, route: string, signal: AbortSignal | undefined): unknown {
    // An abort the caller asked for is not a network failure: hand back the caller's reason.
    if (signal?.aborted) return signal.reason;
    const reason = this.#redact(describe(error));
    const origin = new URL(this.baseUrl).origin;
    const message = `Could not reach the conn server at ${origin} (${route}): ${reason}`;
    return new ConnNetworkError(message, this.#mentionsToken(error) ? {} : { cause: error });
  }

  #redact(text: string): string {
    return this.#token === null ? text : text.replaceAll(this.#token, '[token]');
  }

  #mentionsToken(error: unknown): boolean {
    if (this.#token === null) return false;
    const token = this.#token;
    const texts =
      error instanceof Error
        ? [error.message, error.stack ?? '', String(error.cause)]
        : [String(error)];
    return texts.some((text) => text.includes(token));
  }
}

/** A short reason: the system error code when there is one (ECONNREFUSED), else the message. */
function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause;
    if (
      typeof cause === 'object' &&
      cause !== null &&
      'code' in cause &&
      typeof cause.code === 'string'
    ) {
      return cause.code;
    }
    return error.message;
  }
  return String(error);
}
