import type { ImapFlow, MessageStructureObject } from 'imapflow';

/** The most of a message's plain-text part a record keeps. */
export const maxTextBytes = 64 * 1024;

/**
 * The body part number of a message's first inline `text/plain` part, or null
 * when it has none (an HTML-only message, or only attachments). A message that
 * is not multipart has its body as part `1`.
 *
 * @example
 * textPartOf(message.bodyStructure); // '1.1'
 */
export function textPartOf(structure: MessageStructureObject | undefined): string | null {
  if (structure === undefined) return null;
  if (structure.childNodes !== undefined && structure.childNodes.length > 0) {
    for (const child of structure.childNodes) {
      const part = textPartOf(child);
      if (part !== null) return part;
    }
    return null;
  }
  if (structure.type.toLowerCase() !== 'text/plain') return null;
  if (structure.disposition?.toLowerCase() === 'attachment') return null;
  return structure.part ?? '1';
}

/** A text part as a record keeps it. */
export interface TextPart {
  text: string;
  /** True when the part was longer than `maxTextBytes` and was cut. */
  truncated: boolean;
}

/**
 * Downloads one message's text part, decoded to UTF-8 (transfer encoding and
 * charset), reading at most `maxTextBytes` of it.
 *
 * @example
 * const part = await readTextPart(client, 42, '1');
 */
export async function readTextPart(client: ImapFlow, uid: number, part: string): Promise<TextPart> {
  // One byte past the limit tells a part that fits from one that was cut.
  const download = await client.download(String(uid), part, {
    uid: true,
    maxBytes: maxTextBytes + 1,
  });
  if (download.content === undefined) return { text: '', truncated: false };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of download.content as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
  }
  const bytes = Buffer.concat(chunks, size);
  const truncated = bytes.length > maxTextBytes;
  // A cut in the middle of a multi-byte character is dropped by the decoder rather than kept as garbage.
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(truncated ? bytes.subarray(0, maxTextBytes) : bytes)
    .replace(/\uFFFD$/, '');
  return { text, truncated };
}
