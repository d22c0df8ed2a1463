import { open } from 'node:fs/promises';

/** What the first bytes of an uploaded file say it is, before any parser looks at it. */
export type FileKind =
  | 'empty'
  | 'zip'
  | 'gzip'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'webp'
  | 'pdf'
  | 'sqlite'
  | 'html'
  | 'json'
  | 'text'
  | 'binary';

const headLength = 512;

function startsWith(head: Buffer, bytes: readonly number[], offset = 0): boolean {
  return bytes.every((byte, index) => head[offset + index] === byte);
}

/** The first non-whitespace text of `head` after an optional UTF-8 byte-order mark. */
function leadingText(head: Buffer): string {
  return head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
}

/**
 * Classifies a file by its first bytes (magic numbers, then a text sniff), so
 * a validator can tell the owner "this is a photo" or "this is a zip" instead
 * of a parse error. Only reads the first 512 bytes.
 *
 * @example
 * if ((await sniffFileKind(path)) === 'png') return invalid('This is an image, not an export.');
 */
export async function sniffFileKind(path: string): Promise<FileKind> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(headLength);
    const { bytesRead } = await handle.read(buffer, 0, headLength, 0);
    return classify(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

function classify(head: Buffer): FileKind {
  if (head.length === 0) return 'empty';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]))
    return 'zip';
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8))
    return 'webp';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (head.subarray(0, 15).toString('latin1') === 'SQLite format 3') return 'sqlite';
  if (head.includes(0)) return 'binary';
  const text = leadingText(head);
  if (/^<(!doctype html|html|head|body)\b/i.test(text)) return 'html';
  if (text.startsWith('{') || text.startsWith('[')) return 'json';
  return 'text';
}
