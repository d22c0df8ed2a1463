import { markerAlternation, markersOf } from './marker-alternation';
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

// What each `omitted` string of the table says the media was, by its lower-cased text.
const omittedKinds: ReadonlyMap<string, AttachmentKind> = new Map(
  markersOf('omitted').map((marker) => [marker.text.toLowerCase(), marker.kind ?? 'media']),
);

// Media left out: Android's `<Medien ausgeschlossen>`, iOS's `Bild weggelassen` or, for a
// document, its name first (`Report.pdf • 3 pages document omitted`).
const omitted = new RegExp(`^(?:(.+?) • (?:.*? )?)?(${markerAlternation('omitted')})$`, 'iu');
// iOS with media: `<attached: 00000012-PHOTO-2023-12-31-21-41-05.jpg>`, `<Anhang: …>`, possibly after a document's name.
const attachedTag = new RegExp(
  String.raw`<(?:${markerAlternation('attached_tag')})\s*:\s*([^>]+)>`,
  'iu',
);
// Android with media: `IMG-20231231-WA0001.jpg (file attached)`, `… (Datei angehängt)`, the caption on the next lines.
const fileAttached = new RegExp(
  String.raw`^(.+?) \((?:${markerAlternation('file_attached')})\)$`,
  'iu',
);

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
 * apps put it) in every layout WhatsApp writes — `<Media omitted>`,
 * `image omitted`, `<attached: … .jpg>` and `… .jpg (file attached)` — in
 * every language of `localizedMarkers` (`<Medien ausgeschlossen>`, `<Anhang: …>`).
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
  const attached = attachedTag.exec(first) ?? fileAttached.exec(first);
  if (attached !== null) {
    const fileName = attached[1]!.trim();
    return { marker: { file_name: fileName, kind: kindOfFile(fileName) }, caption };
  }
  const left = omitted.exec(first);
  if (left !== null)
    return {
      marker: {
        file_name: left[1]?.trim() ?? null,
        kind: omittedKinds.get(left[2]!.toLowerCase()) ?? 'media',
      },
      caption,
    };
  return null;
}
