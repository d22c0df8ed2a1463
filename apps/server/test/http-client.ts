/** A tiny JSON client for black-box tests that records every response, to scan them for secrets. */
export interface Exchange {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  text: string;
}

export function httpClient(baseUrl: string, seen: Exchange[] = []) {
  async function call(
    method: string,
    path: string,
    options: {
      token?: string;
      body?: unknown;
      raw?: string;
      headers?: Record<string, string>;
    } = {},
  ) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw !== undefined) {
      body = options.raw;
      headers['content-type'] ??= 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    seen.push({
      method,
      path,
      status: response.status,
      headers: Object.fromEntries(response.headers),
      text,
    });
    let json: unknown = null;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    // biome-ignore lint/suspicious/noExplicitAny: test responses are asserted field by field.
    return { status: response.status, headers: response.headers, text, json: json as any };
  }
  return { call, seen };
}
