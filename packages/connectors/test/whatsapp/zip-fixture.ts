import { writeFile } from 'node:fs/promises';
import yazl from 'yazl';

/** One file to put in a test zip. */
export interface ZipFixtureEntry {
  name: string;
  data: Buffer | string;
}

/** Builds a zip in memory with yazl (deflated entries), the way a phone's exporter would. */
export async function zipBuffer(entries: readonly ZipFixtureEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries)
    zip.addBuffer(Buffer.from(entry.data), entry.name, { mtime: new Date('2024-01-01T00:00:00Z') });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Writes `zipBuffer(entries)` to `path`. */
export async function writeZip(path: string, entries: readonly ZipFixtureEntry[]): Promise<void> {
  await writeFile(path, await zipBuffer(entries));
}

const localHeader = 0x04034b50;
const centralHeader = 0x02014b50;

/** Every local and central header in `zip` whose name is `name`: [offset, kind]. */
function headersNamed(zip: Buffer, name: string): { offset: number; central: boolean }[] {
  const found: { offset: number; central: boolean }[] = [];
  const wanted = Buffer.from(name);
  for (let offset = 0; offset + 4 <= zip.length; offset += 1) {
    const signature = zip.readUInt32LE(offset);
    if (signature !== localHeader && signature !== centralHeader) continue;
    const central = signature === centralHeader;
    const nameLength = zip.readUInt16LE(offset + (central ? 28 : 26));
    const nameStart = offset + (central ? 46 : 30);
    if (
      nameLength === wanted.length &&
      zip.subarray(nameStart, nameStart + nameLength).equals(wanted)
    )
      found.push({ offset, central });
  }
  return found;
}

/**
 * Renames an entry in place to a name of the same length that yazl refuses
 * to write (`../evil.txt`, `/tmp/x.txt`): what a hostile archive would hold.
 */
export function renameEntry(zip: Buffer, from: string, to: string): Buffer {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new RangeError('Same length only.');
  const patched = Buffer.from(zip);
  for (const { offset, central } of headersNamed(patched, from))
    patched.write(to, offset + (central ? 46 : 30));
  return patched;
}

/** Overwrites an entry's declared uncompressed size, as a lying archive does. */
export function declareSize(zip: Buffer, name: string, size: number): Buffer {
  const patched = Buffer.from(zip);
  for (const { offset, central } of headersNamed(patched, name)) {
    const field = offset + (central ? 24 : 22);
    if (central || patched.readUInt32LE(field) !== 0) patched.writeUInt32LE(size, field);
  }
  return patched;
}
