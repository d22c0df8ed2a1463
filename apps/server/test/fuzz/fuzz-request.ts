/** One fuzz case: the bytes put on the socket and what the checks need to know about them. */
export interface FuzzRequest {
  /** A short, printable account of the case for a finding's report. */
  summary: string;
  bytes: Buffer;
  /** False when the bytes are not one complete, well-framed request: the server may close without answering. */
  wellFormed: boolean;
  method: string;
  /** The contract route aimed at, or null for raw bytes. */
  operationId: string | null;
  /** The case asked for an HTML page (the OAuth callback answers browsers with one). */
  acceptsHtml: boolean;
}

/** How the body is framed: honestly, chunked, or with a length that lies. */
export type BodyFraming = 'length' | 'chunked' | 'short' | 'long' | 'double' | 'both';

/** Builds an HTTP/1.1 request's bytes; header values are written as latin1, as they travel. */
export function httpBytes(request: {
  method: string;
  target: string;
  headers: ReadonlyArray<readonly [string, string]>;
  body: Buffer | null;
  framing: BodyFraming;
}): Buffer {
  const { body, framing } = request;
  const lines = [
    `${request.method} ${request.target} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Connection: close',
  ];
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  let payload = body ?? Buffer.alloc(0);
  if (body !== null) {
    switch (framing) {
      case 'length':
        lines.push(`Content-Length: ${body.length}`);
        break;
      case 'short':
        lines.push(`Content-Length: ${Math.max(0, body.length - 1)}`);
        break;
      case 'long':
        lines.push(`Content-Length: ${body.length + 10}`);
        break;
      case 'double':
        lines.push(`Content-Length: ${body.length}`, `Content-Length: ${body.length + 1}`);
        break;
      case 'both':
        lines.push(`Content-Length: ${body.length}`, 'Transfer-Encoding: chunked');
        break;
      case 'chunked':
        lines.push('Transfer-Encoding: chunked');
        payload = Buffer.concat([
          Buffer.from(`${body.length.toString(16)}\r\n`, 'latin1'),
          body,
          Buffer.from(body.length === 0 ? '\r\n' : '\r\n0\r\n\r\n', 'latin1'),
        ]);
        break;
    }
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}

/** `text` as printable ASCII for a report, cut at `max` characters. */
export function printable(text: string, max = 160): string {
  const escaped = JSON.stringify(text).slice(1, -1);
  return escaped.length > max ? `${escaped.slice(0, max)}…(${text.length} chars)` : escaped;
}
