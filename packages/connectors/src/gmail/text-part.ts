import { TextDecoder } from 'node:util';
import type { MessageStructureObject } from 'imapflow';

/** The most of a message's plain-text part a record keeps. */
export const maxTextBytes = 64 * 1024;

/** Where a message's plain-text part is and how it is encoded. */
export interface TextPartLocation {
  /** The IMAP body part number (`1`, `1.1`). */
  part: string;
  /** Content-Transfer-Encoding, lowercase (`base64`, `quoted-printable`, `7bit`). */
  encoding: string;
  charset: string;
}

/**
 * Where a message's first inline `text/plain` part is, or null when it has
 * none (an HTML-only message, or only attachments). A forwarded message's
 * parts are not looked into. A message that is not multipart has its body as
 * part `1`.
 *
 * @example
 * textPartOf(message.bodyStructure); // { part: '1.1', encoding: 'base64', charset: 'utf-8' }
 */
export function textPartOf(structure: MessageStructureObject | undefined): TextPartLocation | null {
  if (structure === undefined) return null;
  const type = structure.type.toLowerCase();
  if (type === 'message/rfc822') return null;
  if (structure.childNodes !== undefined && structure.childNodes.length > 0) {
    for (const child of structure.childNodes) {
      const found = textPartOf(child);
      if (found !== null) return found;
    }
    return null;
  }
  if (type !== 'text/plain') return null;
  if (structure.disposition?.toLowerCase() === 'attachment') return null;
  return {
    part: structure.part ?? '1',
    encoding: (structure.encoding ?? '7bit').toLowerCase(),
    charset: structure.parameters?.charset ?? 'utf-8',
  };
}

/** A text part as a record keeps it. */
export interface TextPart {
  text: string;
  /** True when the part was longer than `maxTextBytes` and was cut. */
  truncated: boolean;
}

function decodeQuotedPrintable(raw: Buffer): Buffer {
  const text = raw.toString('latin1').replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const hex = text[index] === '=' ? text.slice(index + 1, index + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(text.charCodeAt(index) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function decoderFor(charset: string): TextDecoder {
  try {
    return new TextDecoder(charset);
  } catch {
    // An unknown charset label still yields readable ASCII through UTF-8.
    return new TextDecoder('utf-8');
  }
}

/**
 * Decodes a text part fetched as at most `maxTextBytes + 1` raw bytes (the
 * extra byte tells a part that fits from one that was cut): transfer
 * encoding first, then charset to a JS string.
 *
 * @example
 * decodeTextPart(Buffer.from('R3LDvMOfZQ==', 'latin1'), { part: '1', encoding: 'base64', charset: 'utf-8' });
 * // { text: 'Grüße', truncated: false }
 */
export function decodeTextPart(raw: Buffer, location: TextPartLocation): TextPart {
  const truncated = raw.length > maxTextBytes;
  const kept = truncated ? raw.subarray(0, maxTextBytes) : raw;
  let bytes: Buffer;
  if (location.encoding === 'base64') {
    const compact = kept.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, '');
    // A cut mid-quantum would decode to garbage: keep whole 4-character groups.
    bytes = Buffer.from(compact.slice(0, compact.length - (compact.length % 4)), 'base64');
  } else if (location.encoding === 'quoted-printable') {
    bytes = decodeQuotedPrintable(kept);
  } else {
    bytes = kept;
  }
  let text = decoderFor(location.charset).decode(bytes);
  // A cut in the middle of a multi-byte character leaves one replacement character at the end.
  if (truncated) text = text.replace(/\uFFFD$/, '');
  return { text, truncated };
}
