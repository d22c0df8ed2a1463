import {
  type ContractRoute,
  consoleSession,
  contractVersion,
  contractVersionHeader,
  ErrorBodySchema,
  type ForwardCompatible,
  fillPath,
  forwardCompatible,
  type PathParams,
} from '@conn/setup-engine';
import type { z } from 'zod';
import { ConnApiError } from './conn-api-error';
import { ConnNetworkError } from './conn-network-error';
import { ConnResponseError } from './conn-response-error';
import type { FetchLike } from './fetch-like';
import { retryAfterMs } from './retry-after-ms';

type Params<R extends ContractRoute> = keyof PathParams<R['path']> extends never
  ? { params?: undefined }
  : { params: PathParams<R['path']> };

/** One call of a contract route: its path values, query, body and headers. */
export type RouteCall<R extends ContractRoute> = Params<R> & {
  query?: Readonly<Record<string, string | number | undefined>>;
  /** A JSON body. */
  json?: unknown;
  /** A raw body (uploads); sent with `duplex: 'half'` when it is a stream. */
  body?: Blob | ArrayBuffer | Uint8Array | ReadableStream<Uint8Array>;
  headers?: Readonly<Record<string, string>>;
  /** False for routes that must never see a bearer (login, collector enrollment). */
  authenticated?: boolean;
  signal?: AbortSignal | undefined;
};

/** What a route answers, read forward-compatibly; `undefined` for routes with no JSON answer. */
export type RouteAnswer<R extends ContractRoute> = R['response'] extends z.ZodType
  ? ForwardCompatible<z.output<R['response']>>
  : undefined;

interface Exchange {
  method: string;
  path: string;
  query: Readonly<Record<string, string | number | undefined>>;
  json?: unknown;
  body?: Blob | ArrayBuffer | Uint8Array | ReadableStream<Uint8Array>;
  headers: Readonly<Record<string, string>>;
  authenticated: boolean;
  signal: AbortSignal | undefined;
}

/** Reads the console's CSRF token (from its cookie) when a mutation goes out; null when there is none. */
export type CsrfTokenSource = () => string | null;

const safeMethods = new Set(['GET', 'HEAD']);

/**
 * Sends calls to one conn server and turns every answer into a validated
 * value or a typed error. Holds the token privately and scrubs it from every
 * message it builds, so no error can carry it.
 */
export class HttpTransport {
  readonly baseUrl: string;
  readonly #token: string | null;
  readonly #fetch: FetchLike;
  readonly #csrf: CsrfTokenSource | null;

  constructor(
    baseUrl: string,
    token: string | null,
    fetchImpl: FetchLike,
    csrf: CsrfTokenSource | null = null,
  ) {
    this.baseUrl = baseUrl;
    this.#token = token;
    this.#fetch = fetchImpl;
    this.#csrf = csrf;
  }

  get authenticated(): boolean {
    return this.#token !== null;
  }

  /** The same server and fetch with another token. */
  withToken(token: string | null): HttpTransport {
    return new HttpTransport(this.baseUrl, token, this.#fetch, this.#csrf);
  }

  /**
   * Calls a route of the contract and reads its answer forward-compatibly:
   * fields this SDK does not know are dropped, enum values it does not know
   * read `'unknown'`.
   */
  async call<R extends ContractRoute>(route: R, call: RouteCall<R>): Promise<RouteAnswer<R>> {
    const { exchange, label } = this.#exchangeOf(route, call);
    const response = await this.#exchange(exchange, label);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.#networkError(error, label, call.signal);
    }
    if (!response.ok) throw this.#apiError(response, text, label);
    if (route.response === null) return undefined as RouteAnswer<R>;
    const reading: z.ZodType = forwardCompatible(route.response as z.ZodType);
    const parsed = reading.safeParse(this.#json(text, response.status, label));
    if (parsed.success) return parsed.data as RouteAnswer<R>;
    const where = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new ConnResponseError(
      this.#redact(`The answer to ${label} does not match the conn contract (${where}).`),
      { status: response.status, route: label, issues: parsed.error.issues, cause: parsed.error },
    );
  }

  /**
   * Calls a route and hands back the successful response unread (a stream,
   * or a body the caller reads its own way); failures are the same typed
   * errors as `call`'s.
   */
  async open<R extends ContractRoute>(route: R, call: RouteCall<R>): Promise<Response> {
    const { exchange, label } = this.#exchangeOf(route, call);
    const response = await this.#exchange(exchange, label);
    if (response.ok) return response;
    let text = '';
    try {
      text = await response.text();
    } catch (error) {
      throw this.#networkError(error, label, call.signal);
    }
    throw this.#apiError(response, text, label);
  }

  /** Reads a JSON body `open` handed back, with the same errors as `call`. */
  async json(response: Response, label: string, signal?: AbortSignal): Promise<unknown> {
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.#networkError(error, label, signal);
    }
    return this.#json(text, response.status, label);
  }

  /** The error a failed read of an open stream stands for: the caller's abort reason, or a network error. */
  streamError(error: unknown, label: string, signal?: AbortSignal): unknown {
    return this.#networkError(error, label, signal);
  }

  #exchangeOf<R extends ContractRoute>(
    route: R,
    call: RouteCall<R>,
  ): { exchange: Exchange; label: string } {
    const path = fillPath(route.path, (call.params ?? {}) as PathParams<R['path']>);
    const exchange: Exchange = {
      method: route.method,
      path,
      query: call.query ?? {},
      json: call.json,
      body: call.body,
      headers: call.headers ?? {},
      authenticated: call.authenticated ?? route.auth.length > 0,
      signal: call.signal,
    };
    return { exchange, label: `${route.method} ${path}` };
  }

  async #exchange(call: Exchange, route: string): Promise<Response> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      [contractVersionHeader]: String(contractVersion),
      ...call.headers,
    };
    if (this.#token !== null && call.authenticated) {
      headers.authorization = `Bearer ${this.#token}`;
    }
    // A cookie session (the console) proves each mutation with the CSRF token.
    const csrf = safeMethods.has(call.method) ? null : (this.#csrf?.() ?? null);
    if (csrf !== null) headers[consoleSession.csrfHeader] = csrf;
    const init: RequestInit & { duplex?: 'half' } = { method: call.method, headers };
    if (call.signal !== undefined) init.signal = call.signal;
    if (call.json !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(call.json);
    } else if (call.body !== undefined) {
      // DOM's BodyInit types a Uint8Array more narrowly than Node's; both send it as bytes.
      init.body = call.body as NonNullable<RequestInit['body']>;
      // Streaming request bodies must say so (fetch spec); Node and HTTP/2 browsers accept it.
      if (call.body instanceof ReadableStream) init.duplex = 'half';
    }
    try {
      return await this.#fetch(this.#url(call), init);
    } catch (error) {
      throw this.#networkError(error, route, call.signal);
    }
  }

  #url(call: Exchange): string {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(call.query)) {
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

  #apiError(response: Response, text: string, route: string): Error {
    const { status } = response;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    // Read forward-compatibly: a code newer than this SDK still reaches the caller as sent.
    const parsed = forwardCompatible(ErrorBodySchema).safeParse(body);
    if (parsed.success) {
      const { message, details } = parsed.data.error;
      const code = (body as { error: { code: string } }).error.code;
      return new ConnApiError(
        status,
        code,
        this.#redact(message),
        details,
        retryAfterMs(response.headers.get('retry-after')),
      );
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
