import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { UploadedFile } from '../implementation';
import { sniffFileKind } from '../sniff-file-kind';
import { SafeZip, type SafeZipEntry } from '../zip/safe-zip';
import { defaultZipLimits, type ZipLimits } from '../zip/zip-limits';
import { whatsappRemedy } from './whatsapp-remedy';

/** A chat export opened for reading: its transcript (readable several times) and, for a .zip, its media. */
export interface WhatsappExport {
  container: 'txt' | 'zip';
  /** The transcript's own file name: the upload's for a .txt, the entry's for a .zip (`_chat.txt`). */
  transcriptName: string;
  /** True when the file's first character was `{` or `[`: if no message line turns up, it was JSON. */
  looksLikeJson: boolean;
  /** Opens the transcript from its start; each call is a new stream. */
  openTranscript(): Promise<Readable>;
  /** A .zip's media files by file name (folders dropped); empty for a .txt. */
  media: ReadonlyMap<string, SafeZipEntry>;
  openMedia(entry: SafeZipEntry): Promise<Readable>;
  close(): void;
}

/** Why an upload is not a chat export, with the owner-facing remedy. */
export interface NotAnExport {
  reason:
    | 'whatsapp_backup'
    | 'media_file'
    | 'json_file'
    | 'empty_file'
    | 'no_transcript'
    | 'not_text'
    | 'not_a_chat';
  remedy: string;
}

const backupName = /msgstore|wa\.db|\.crypt\d*$|\.db$/i;
const mediaKinds = new Set(['png', 'jpeg', 'gif', 'webp', 'pdf']);

function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** The zip entry that holds the chat: `_chat.txt` (iOS), `WhatsApp Chat with X.txt` (Android), or the only .txt. */
function transcriptEntry(zip: SafeZip): SafeZipEntry | null {
  const texts = zip.entries.filter(
    (entry) =>
      !entry.directory && /\.txt$/i.test(entry.name) && !baseName(entry.name).startsWith('._'),
  );
  return (
    texts.find((entry) => baseName(entry.name) === '_chat.txt') ??
    texts.find((entry) => /^WhatsApp/i.test(baseName(entry.name))) ??
    (texts.length === 1 ? texts[0]! : null)
  );
}

/**
 * Opens an uploaded file as a WhatsApp chat export: a .txt transcript, or a
 * .zip holding one (checked by `SafeZip`, whose refusals — path traversal,
 * zip bomb, too many entries — reject as `artifact_invalid`). Resolves
 * `{ unsupported }` with a remedy for a file that is no export at all: a
 * backup database, a photo, an empty file, a zip without a transcript.
 *
 * @example
 * const opened = await openWhatsappExport(file);
 * if ('unsupported' in opened) return invalid(opened.unsupported.remedy);
 * try { … opened.export.openTranscript() … } finally { opened.export.close(); }
 */
export async function openWhatsappExport(
  file: UploadedFile,
  limits: ZipLimits = defaultZipLimits,
): Promise<{ export: WhatsappExport } | { unsupported: NotAnExport }> {
  const kind = await sniffFileKind(file.path);
  if (backupName.test(file.file_name) || kind === 'sqlite')
    return {
      unsupported: { reason: 'whatsapp_backup', remedy: whatsappRemedy.backup(file.file_name) },
    };
  if (mediaKinds.has(kind))
    return { unsupported: { reason: 'media_file', remedy: whatsappRemedy.media() } };
  if (kind === 'empty')
    return { unsupported: { reason: 'empty_file', remedy: whatsappRemedy.empty() } };
  if (kind === 'zip') return openZipExport(file, limits);
  // An iOS transcript starts with `[31/12/2023, …`, which a sniff cannot tell from JSON: parsing decides.
  if (kind !== 'text' && kind !== 'json')
    return { unsupported: { reason: 'not_text', remedy: whatsappRemedy.notAChat() } };
  return {
    export: {
      container: 'txt',
      transcriptName: file.file_name,
      looksLikeJson: kind === 'json',
      openTranscript: async () => createReadStream(file.path),
      media: new Map(),
      openMedia: async (entry) => {
        throw new RangeError(`A .txt export holds no media ("${entry.name}").`);
      },
      close: () => {},
    },
  };
}

async function openZipExport(
  file: UploadedFile,
  limits: ZipLimits,
): Promise<{ export: WhatsappExport } | { unsupported: NotAnExport }> {
  const zip = await SafeZip.open(file.path, limits);
  const transcript = transcriptEntry(zip);
  if (transcript === null) {
    zip.close();
    return {
      unsupported: { reason: 'no_transcript', remedy: whatsappRemedy.zipWithoutTranscript() },
    };
  }
  const media = new Map<string, SafeZipEntry>();
  for (const entry of zip.entries) {
    if (entry.directory || entry === transcript) continue;
    const name = baseName(entry.name);
    if (!media.has(name)) media.set(name, entry);
  }
  return {
    export: {
      container: 'zip',
      transcriptName: baseName(transcript.name),
      looksLikeJson: false,
      openTranscript: () => zip.openEntry(transcript),
      media,
      openMedia: (entry) => zip.openEntry(entry),
      close: () => zip.close(),
    },
  };
}
