import { mediaTypeOf } from './media-type';

/** What kind of media a message carried. `media` when the export does not say (`<Media omitted>`). */
export type AttachmentKind =
  | 'image'
  | 'video'
  | 'audio'
  | 'sticker'
  | 'gif'
  | 'document'
  | 'contact'
  | 'media';

/** A media reference found in a message's text. */
export interface AttachmentMarker {
  /** The file's name in the export (`IMG-20231231-WA0001.jpg`), or null when the export left the media out. */
  file_name: string | null;
  kind: AttachmentKind;
}

const omittedKinds: Readonly<Record<string, AttachmentKind>> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  sticker: 'sticker',
  gif: 'gif',
  document: 'document',
  'contact card': 'contact',
};

// Android without media: `<Media omitted>`.
const androidOmitted = /^<Media omitted>$/i;
// iOS without media: `image omitted`, `GIF omitted`, `Report.pdf • 3 pages document omitted`.
const iosOmitted =
  /^(?:(.+?) • .*?)?\b(image|video|audio|sticker|GIF|document|Contact card) omitted$/i;
// iOS with media: `<attached: 00000012-PHOTO-2023-12-31-21-41-05.jpg>`, possibly after a document's name.
const iosAttached = /<attached: ([^>]+)>/;
// Android with media: `IMG-20231231-WA0001.jpg (file attached)`, the caption on the next lines.
const androidAttached = /^(.+?) \(file attached\)$/;

function kindOfFile(fileName: string): AttachmentKind {
  const name = fileName.toUpperCase();
  if (/-PHOTO-|^IMG-/.test(name)) return 'image';
  if (/-VIDEO-|^VID-/.test(name)) return 'video';
  if (/-AUDIO-|^PTT-|^AUD-/.test(name)) return 'audio';
  if (/-STICKER-|^STK-/.test(name)) return 'sticker';
  if (/-GIF-/.test(name)) return 'gif';
  if (/\.VCF$/.test(name)) return 'contact';
  const type = mediaTypeOf(fileName) ?? '';
  if (type === 'image/webp') return 'sticker';
  if (type === 'image/gif') return 'gif';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  return 'document';
}

/**
 * Finds the media reference in a message's text (its first line, where both
 * apps put it) in every layout WhatsApp writes: `<Media omitted>`,
 * `image omitted`, `<attached: … .jpg>` and `… .jpg (file attached)`.
 * Returns the marker and the rest of the text (a caption), or null when the
 * message is plain text.
 *
 * @example
 * attachmentMarker('IMG-20231231-WA0001.jpg (file attached)\nFireworks!');
 * // { marker: { file_name: 'IMG-20231231-WA0001.jpg', kind: 'image' }, caption: 'Fireworks!' }
 */
export function attachmentMarker(
  text: string,
): { marker: AttachmentMarker; caption: string } | null {
  const newline = text.indexOf('\n');
  const first = (newline < 0 ? text : text.slice(0, newline)).trim();
  const caption = newline < 0 ? '' : text.slice(newline + 1);
  if (androidOmitted.test(first)) return { marker: { file_name: null, kind: 'media' }, caption };
  const attached = iosAttached.exec(first);
  if (attached !== null) {
    const fileName = attached[1]!.trim();
    return { marker: { file_name: fileName, kind: kindOfFile(fileName) }, caption };
  }
  const androidFile = androidAttached.exec(first);
  if (androidFile !== null) {
    const fileName = androidFile[1]!.trim();
    return { marker: { file_name: fileName, kind: kindOfFile(fileName) }, caption };
  }
  const omitted = iosOmitted.exec(first);
  if (omitted !== null)
    return {
      marker: {
        file_name: omitted[1]?.trim() ?? null,
        kind: omittedKinds[omitted[2]!.toLowerCase()] ?? 'media',
      },
      caption,
    };
  return null;
}
