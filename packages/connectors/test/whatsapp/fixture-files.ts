import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UploadedFile } from '../../src/implementation';
import { writeZip } from './zip-fixture';

/** The WhatsApp fixtures folder. */
export const fixtures = fileURLToPath(new URL('../fixtures/whatsapp', import.meta.url));

/** A staging folder like the server's, removed by `cleanup`. */
export async function stagingDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'conn-whatsapp-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The Android .txt fixture (12-hour US dates). */
export const androidTxt: UploadedFile = {
  path: join(fixtures, 'android-txt', 'WhatsApp Chat with Family.txt'),
  file_name: 'WhatsApp Chat with Family.txt',
};

/** The iOS .txt fixture (24-hour, day first, U+200E marks, CRLF), as unpacked from its zip. */
export const iosTxt: UploadedFile = {
  path: join(fixtures, 'ios-txt', '_chat.txt'),
  file_name: '_chat.txt',
};

/** The iOS zip export (`_chat.txt` + one photo), built in `dir` from the fixture folder. */
export async function iosZip(dir: string): Promise<UploadedFile> {
  const path = join(dir, 'upload-ios.zip');
  const photo = '00000003-PHOTO-2024-01-02-18-21-45.jpg';
  await writeZip(path, [
    { name: '_chat.txt', data: await readFile(join(fixtures, 'ios-zip', '_chat.txt')) },
    { name: photo, data: await readFile(join(fixtures, 'ios-zip', photo)) },
  ]);
  return { path, file_name: 'WhatsApp Chat - Mum.zip' };
}

/** The Android zip export (`WhatsApp Chat with Team.txt` + one photo), under a renamed upload. */
export async function androidZip(dir: string): Promise<UploadedFile> {
  const path = join(dir, 'upload-android.zip');
  const chat = 'WhatsApp Chat with Team.txt';
  const photo = 'IMG-20240105-WA0001.jpg';
  await writeZip(path, [
    { name: chat, data: await readFile(join(fixtures, 'android-zip', chat)) },
    { name: photo, data: await readFile(join(fixtures, 'android-zip', photo)) },
  ]);
  return { path, file_name: 'export (3).zip' };
}

/** Copies a fixture into `dir` under another name (the owner renamed the file). */
export async function renamedCopy(
  file: UploadedFile,
  dir: string,
  name: string,
): Promise<UploadedFile> {
  const path = join(dir, name);
  await copyFile(file.path, path);
  return { path, file_name: name };
}
