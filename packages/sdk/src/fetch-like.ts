/**
 * The part of `fetch` the client uses. Defaults to the global `fetch` (Node
 * 20+, browsers); inject another for tests, proxies or instrumentation.
 *
 * @example
 * const client = new ConnClient({ baseUrl, fetch: (url, init) => fetch(url, { ...init, keepalive: true }) });
 */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;
