import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { formatBytes } from '@conn/setup-engine';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { defaultZipLimits, type ZipLimits } from './zip-limits';
import { zipRefusal, zipRefusalReason } from './zip-refusal';

/** One file or folder an archive lists, with the sizes its central directory declares. */
export interface SafeZipEntry {
  /** The entry's path inside the archive, `/`-separated, already checked to stay inside it. */
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly directory: boolean;
  readonly encrypted: boolean;
}

/** A refusal for anything yauzl itself rejects: a truncated or malformed archive. */
function corrupt(cause: unknown) {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return zipRefusal('corrupt_zip', `The zip file is damaged or incomplete (${detail}).`);
}

/**
 * A zip archive opened for reading with its hostile cases refused up front:
 * entry names that are absolute or climb out with `..`, more entries than
 * allowed, declared sizes over the total cap, and large entries compressed
 * beyond the allowed ratio. Entries are then read one at a time as streams
 * that count the bytes actually inflated and fail with `zip_bomb` as soon as
 * an entry inflates past its declared size or the archive past its cap — so a
 * lying header cannot get more through than an honest one. Nothing is ever
 * written to disk, and no entry is held in memory whole.
 *
 * Every refusal is a `ConnError('artifact_invalid')` whose `details.reason` is
 * `path_traversal`, `too_many_entries`, `zip_bomb`, `corrupt_zip`, `encrypted`
 * or `unsupported_compression`.
 *
 * @example
 * const zip = await SafeZip.open(path);
 * try {
 *   const chat = zip.entries.find((entry) => entry.name.endsWith('_chat.txt'));
 *   if (chat) for await (const chunk of await zip.openEntry(chat)) handle(chunk);
 * } finally {
 *   zip.close();
 * }
 */
export class SafeZip {
  readonly entries: readonly SafeZipEntry[];
  readonly #file: ZipFile;
  readonly #raw: Map<SafeZipEntry, Entry>;
  readonly #limits: ZipLimits;
  readonly #read = new Set<SafeZipEntry>();
  #inflatedTotal = 0;

  private constructor(file: ZipFile, raw: Map<SafeZipEntry, Entry>, limits: ZipLimits) {
    this.#file = file;
    this.#raw = raw;
    this.entries = [...raw.keys()];
    this.#limits = limits;
  }

  /** Opens `path` and checks its central directory; rejects with a refusal before reading any entry data. */
  static async open(path: string, limits: ZipLimits = defaultZipLimits): Promise<SafeZip> {
    let file: ZipFile;
    try {
      // decodeStrings: false so an unsafe name reaches our own check (and its refusal code) instead of a bare yauzl error.
      file = await yauzl.openPromise(path, {
        lazyEntries: true,
        autoClose: false,
        decodeStrings: false,
        validateEntrySizes: true,
      });
    } catch (error) {
      throw corrupt(error);
    }
    // A read error after the directory is read reaches the entry streams too; unheard here it would crash the process.
    file.on('error', () => {});
    try {
      return new SafeZip(file, await SafeZip.#readDirectory(file, limits), limits);
    } catch (error) {
      file.close();
      throw error;
    }
  }

  static async #readDirectory(file: ZipFile, limits: ZipLimits): Promise<Map<SafeZipEntry, Entry>> {
    if (file.entryCount > limits.maxEntries) throw tooManyEntries(file.entryCount, limits);
    const raw = new Map<SafeZipEntry, Entry>();
    let declaredTotal = 0;
    try {
      for await (const entry of file.eachEntry()) {
        const checked = checkEntry(entry, limits);
        declaredTotal += checked.uncompressedSize;
        if (declaredTotal > limits.maxTotalBytes)
          throw zipRefusal(
            'zip_bomb',
            `The zip would unpack to more than ${formatBytes(limits.maxTotalBytes)}.`,
            { declared_bytes: declaredTotal, limit_bytes: limits.maxTotalBytes },
          );
        raw.set(checked, entry);
        if (raw.size > limits.maxEntries) throw tooManyEntries(raw.size, limits);
      }
    } catch (error) {
      throw zipRefusalReason(error) === null ? corrupt(error) : error;
    }
    return raw;
  }

  /**
   * Opens one entry's content as a stream of inflated bytes. The stream fails
   * with a `zip_bomb` refusal once the entry inflates past its declared size
   * or the archive past `maxTotalBytes`, with `corrupt_zip` when its data does
   * not inflate, and `openEntry` itself rejects for an encrypted entry or one
   * in a compression method zip readers do not support.
   */
  async openEntry(entry: SafeZipEntry): Promise<Readable> {
    const raw = this.#raw.get(entry);
    if (raw === undefined) throw new RangeError(`"${entry.name}" is not an entry of this zip.`);
    if (entry.encrypted)
      throw zipRefusal('encrypted', `"${entry.name}" in the zip is password-protected.`, {
        entry: entry.name,
      });
    if (!raw.canDecodeFileData())
      throw zipRefusal(
        'unsupported_compression',
        `"${entry.name}" in the zip uses a compression method that cannot be read.`,
        { entry: entry.name },
      );
    let source: Readable;
    try {
      source = await this.#file.openReadStreamPromise(raw);
    } catch (error) {
      throw corrupt(error);
    }
    const counted = !this.#read.has(entry);
    this.#read.add(entry);
    let inflated = 0;
    const guard = new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        inflated += chunk.length;
        if (counted) this.#inflatedTotal += chunk.length;
        if (inflated > entry.uncompressedSize || this.#inflatedTotal > this.#limits.maxTotalBytes) {
          callback(inflatedTooFar(entry, inflated));
          return;
        }
        callback(null, chunk);
      },
    });
    // yauzl's own size check fires on the source; it is reported as the same refusal as ours.
    source.on('error', (error: Error) => {
      guard.destroy(
        /too many bytes/.test(error.message) ? inflatedTooFar(entry, inflated) : corrupt(error),
      );
    });
    // A refused, failed or abandoned read stops inflating at once (yauzl wants unpipe before destroy).
    guard.on('close', () => {
      if (source.destroyed) return;
      source.unpipe(guard);
      source.destroy();
    });
    source.pipe(guard);
    return guard;
  }

  /** Releases the archive's file handle; streams already opened finish first. */
  close(): void {
    this.#file.close();
  }
}

function tooManyEntries(count: number, limits: ZipLimits) {
  return zipRefusal(
    'too_many_entries',
    `The zip lists ${count} entries; at most ${limits.maxEntries} are accepted.`,
    { entries: count, limit: limits.maxEntries },
  );
}

function inflatedTooFar(entry: SafeZipEntry, inflated: number) {
  return zipRefusal(
    'zip_bomb',
    `"${entry.name}" in the zip unpacks to more than it declares; the archive was refused.`,
    { entry: entry.name, inflated_bytes: inflated, declared_bytes: entry.uncompressedSize },
  );
}

function checkEntry(entry: Entry, limits: ZipLimits): SafeZipEntry {
  const name = yauzl.getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    entry.extraFields,
    false,
  );
  // validateFileName refuses absolute paths (`/x`, `C:/x`) and `..` segments; backslashes were turned into `/` above.
  if (yauzl.validateFileName(name) !== null || name.includes('\0'))
    throw zipRefusal(
      'path_traversal',
      `The zip holds an entry that points outside the archive ("${name.replaceAll('\0', '')}"); it was refused.`,
      { entry: name.replaceAll('\0', '') },
    );
  const checked: SafeZipEntry = {
    name,
    compressedSize: entry.compressedSize,
    uncompressedSize: entry.uncompressedSize,
    directory: name.endsWith('/'),
    encrypted: entry.isEncrypted(),
  };
  if (
    checked.uncompressedSize >= limits.ratioCheckFromBytes &&
    checked.uncompressedSize > limits.maxRatio * Math.max(checked.compressedSize, 1)
  )
    throw zipRefusal(
      'zip_bomb',
      `"${name}" in the zip is compressed more than ${limits.maxRatio}:1, as zip bombs are; the archive was refused.`,
      {
        entry: name,
        declared_bytes: checked.uncompressedSize,
        compressed_bytes: checked.compressedSize,
      },
    );
  return checked;
}
