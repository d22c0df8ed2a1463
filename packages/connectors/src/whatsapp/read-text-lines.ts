import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

// A line longer than this is cut: no chat line is that long, and memory stays bounded on a file without newlines.
const maxLineLength = 4 * 1024 * 1024;

/**
 * Reads UTF-8 text from a stream as lines (without `\n` / `\r\n`, the first
 * line without a byte-order mark), holding at most one line in memory.
 * Rejects when the stream errors (a zip refused mid-read) and with the
 * signal's reason once it is aborted; destroys the stream when the reader
 * stops early.
 *
 * @example
 * for await (const line of readTextLines(createReadStream(path), signal)) handle(line);
 */
export async function* readTextLines(
  source: Readable,
  signal?: AbortSignal,
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let first = true;
  const clean = (line: string): string => {
    let text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (first) text = text.replace(/^\uFEFF/, '');
    first = false;
    return text;
  };
  try {
    for await (const chunk of source) {
      signal?.throwIfAborted();
      pending += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
      let start = 0;
      let newline = pending.indexOf('\n', start);
      while (newline >= 0) {
        yield clean(pending.slice(start, newline));
        start = newline + 1;
        newline = pending.indexOf('\n', start);
      }
      pending = pending.slice(start);
      while (pending.length > maxLineLength) {
        yield clean(pending.slice(0, maxLineLength));
        pending = pending.slice(maxLineLength);
      }
    }
    pending += decoder.end();
    if (pending !== '') yield clean(pending);
  } finally {
    source.destroy();
  }
}
