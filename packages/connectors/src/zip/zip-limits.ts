/**
 * What an uploaded zip may hold before it is refused as hostile. Checked on
 * the central directory's declared sizes before anything is read, and again on
 * the bytes actually inflated while reading.
 */
export interface ZipLimits {
  /** Most entries (files and folders) an archive may list. */
  maxEntries: number;
  /** Most bytes all entries may inflate to, together. */
  maxTotalBytes: number;
  /** Highest uncompressed:compressed ratio of one entry at least `ratioCheckFromBytes` large. */
  maxRatio: number;
  /** Entries smaller than this inflate as they like: a short text of repeated characters is no bomb. */
  ratioCheckFromBytes: number;
}

/**
 * Limits that every real WhatsApp export (at most 2 GiB uploaded, thousands of
 * media files) passes and a zip bomb does not.
 *
 * @example
 * await SafeZip.open(path, { ...defaultZipLimits, maxEntries: 100 });
 */
export const defaultZipLimits: Readonly<ZipLimits> = {
  maxEntries: 50_000,
  maxTotalBytes: 4 * 1024 ** 3,
  maxRatio: 200,
  ratioCheckFromBytes: 1024 ** 2,
};
