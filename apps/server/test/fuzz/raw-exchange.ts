import { connect } from 'node:net';

/** What a raw HTTP exchange answered: the status line's code, the headers and the body text. */
export interface RawAnswer {
  /** 0 when the server closed (or went quiet) without a complete status line. */
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Writes `bytes` on a fresh TCP connection to `url`'s host and reads the
 * first answer — for what fetch refuses to send: malformed request lines,
 * oversized headers, raw control bytes, lying lengths. With `halfClose` the
 * client ends its side after the bytes, so a request cut short ends instead
 * of waiting; node's server then closes too, so a complete request is sent
 * without it (an answer still in the making would be lost).
 *
 * @example
 * const answer = await rawExchange(url, 'NOT HTTP\r\n\r\n', { halfClose: true }); // { status: 400, … }
 */
export function rawExchange(
  url: string,
  bytes: Buffer | string,
  options: { timeoutMs?: number; halfClose?: boolean } = {},
): Promise<RawAnswer> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const { hostname, port } = new URL(url);
  return new Promise<RawAnswer>((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseAnswer(Buffer.concat(chunks)));
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (isComplete(Buffer.concat(chunks))) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (error) => {
      if (chunks.length > 0 || (error as NodeJS.ErrnoException).code === 'ECONNRESET') finish();
      else if (!settled) {
        settled = true;
        clearTimeout(timer);
        reject(error);
      }
    });
    if (options.halfClose) socket.end(bytes);
    else socket.write(bytes);
  });
}

/** Whether the first answer has fully arrived: its declared length, or the last chunk. */
function isComplete(raw: Buffer): boolean {
  const answer = parseAnswer(raw);
  if (answer.status === 0) return false;
  if (answer.status === 204 || answer.status === 304) return true;
  const length = Number(answer.headers['content-length']);
  if (Number.isFinite(length)) return Buffer.byteLength(answer.body) >= length;
  return answer.headers['transfer-encoding'] === 'chunked' && raw.includes('\r\n0\r\n\r\n');
}

function parseAnswer(raw: Buffer): RawAnswer {
  // Skip interim answers (`100 Continue`): the first final one counts.
  while (/^HTTP\/1\.[01] 1\d\d /.test(raw.subarray(0, 16).toString('latin1'))) {
    const interimEnd = raw.indexOf('\r\n\r\n');
    if (interimEnd === -1) return { status: 0, headers: {}, body: '' };
    raw = raw.subarray(interimEnd + 4);
  }
  const end = raw.indexOf('\r\n\r\n');
  if (end === -1) return { status: 0, headers: {}, body: '' };
  const [statusLine = '', ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.subarray(end + 4);
  if (headers['transfer-encoding'] === 'chunked') body = unchunked(body);
  // Whatever follows the declared length is the next answer on the connection, not this body.
  const length = Number(headers['content-length']);
  if (Number.isInteger(length) && length >= 0) body = body.subarray(0, length);
  return { status, headers, body: body.toString('utf8') };
}

function unchunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd === -1) break;
    const size = Number.parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
