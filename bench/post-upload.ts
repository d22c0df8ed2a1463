import { once } from 'node:events';
import { type IncomingMessage, request } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A server's answer to a streamed upload, and how long it took. */
export interface PostedUpload {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the answer is checked field by field.
  json: any;
  ms: number;
}

/** POSTs a streamed body with chunked transfer encoding, as the SDK does, and times it to the full answer. */
export async function postUpload(
  url: string,
  body: Readable,
  headers: Record<string, string>,
): Promise<PostedUpload> {
  const started = performance.now();
  const req = request(url, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/octet-stream', ...headers },
  });
  const answer = once(req, 'response') as Promise<[IncomingMessage]>;
  await pipeline(body, req);
  const [response] = await answer;
  let text = '';
  for await (const chunk of response) text += String(chunk);
  return {
    status: response.statusCode ?? 0,
    json: JSON.parse(text),
    ms: performance.now() - started,
  };
}

/** The headers of an owner's upload of `fileName`. */
export function uploadHeaders(token: string, fileName: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'x-conn-file-name': encodeURIComponent(fileName) };
}
