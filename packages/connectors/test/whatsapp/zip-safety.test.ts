import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { isConnError } from '@conn/setup-engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UploadedFile } from '../../src/implementation';
import { createWhatsappImporter } from '../../src/whatsapp/importer';
import { createWhatsappValidator } from '../../src/whatsapp/validator';
import { defaultZipLimits, type ZipLimits } from '../../src/zip/zip-limits';
import { fixtures, stagingDir } from './fixture-files';
import { importHarness } from './import-harness';
import { declareSize, renameEntry, zipBuffer } from './zip-fixture';

let staging: Awaited<ReturnType<typeof stagingDir>>;
let chat: Buffer;
beforeEach(async () => {
  staging = await stagingDir();
  chat = await readFile(join(fixtures, 'ios-zip', '_chat.txt'));
});
afterEach(async () => {
  await staging.cleanup();
});

async function stageZip(zip: Buffer): Promise<UploadedFile> {
  const path = join(staging.dir, 'upload.zip');
  await writeFile(path, zip);
  return { path, file_name: 'WhatsApp Chat - Mum.zip' };
}

/** Runs the importer and the validator on `file`; both must refuse it for `reason`, emitting nothing. */
async function expectRefused(
  file: UploadedFile,
  reason: string,
  limits: ZipLimits = defaultZipLimits,
) {
  const harness = importHarness([file]);
  const error = await createWhatsappImporter({ zipLimits: limits })(harness.input).catch(
    (caught: unknown) => caught,
  );
  expect(isConnError(error, 'artifact_invalid')).toBe(true);
  expect(isConnError(error) && error.details?.reason).toBe(reason);
  expect(harness.batches).toEqual([]);

  const report = await createWhatsappValidator({ zipLimits: limits })({
    ...file,
    signal: new AbortController().signal,
  });
  expect(report).toMatchObject({ valid: false, details: { reason, code: 'artifact_invalid' } });
  expect(report.remedy).toMatch(/^This zip was refused: /);
  return { harness, report };
}

describe('WhatsApp zip safety', () => {
  it('refuses an entry that climbs out with ../ and writes nothing outside the staging folder', async () => {
    const zip = renameEntry(
      await zipBuffer([
        { name: '_chat.txt', data: chat },
        { name: 'xx/evil.txt', data: 'pwned' },
      ]),
      'xx/evil.txt',
      '../evil.txt',
    );
    const file = await stageZip(zip);
    const { report } = await expectRefused(file, 'path_traversal');
    expect(report.remedy).toContain('../evil.txt');
    expect(await readdir(staging.dir)).toEqual(['upload.zip']);
    expect(await readdir(dirname(staging.dir))).not.toContain('evil.txt');
    expect(existsSync(resolve('..', 'evil.txt'))).toBe(false);
  });

  it('refuses absolute entry names', async () => {
    const zip = renameEntry(
      await zipBuffer([
        { name: '_chat.txt', data: chat },
        { name: 'tmp/evil.txt', data: 'pwned' },
      ]),
      'tmp/evil.txt',
      '/tmp/evil.tx',
    );
    await expectRefused(await stageZip(zip), 'path_traversal');
  });

  it('refuses a zip bomb from its declared sizes before inflating anything', async () => {
    // 24 MiB of zeros deflates to a few KiB: far over 200:1.
    const zip = await zipBuffer([
      { name: '_chat.txt', data: chat },
      { name: '00000003-PHOTO-2024-01-02-18-21-45.jpg', data: Buffer.alloc(24 * 1024 ** 2) },
    ]);
    expect(zip.length).toBeLessThan(200 * 1024);
    const { harness, report } = await expectRefused(await stageZip(zip), 'zip_bomb');
    expect(harness.puts).toEqual([]);
    expect(report.remedy).toContain('200:1');
  });

  it('refuses a zip whose declared total is over the cap', async () => {
    const zip = await zipBuffer([
      { name: '_chat.txt', data: chat },
      { name: 'a.bin', data: Buffer.alloc(64 * 1024, 1) },
    ]);
    await expectRefused(await stageZip(zip), 'zip_bomb', {
      ...defaultZipLimits,
      maxTotalBytes: 32 * 1024,
    });
  });

  it('stops inflating an entry that lies about its size and emits no record', async () => {
    const photo = '00000003-PHOTO-2024-01-02-18-21-45.jpg';
    const honest = await zipBuffer([
      { name: '_chat.txt', data: chat },
      { name: photo, data: Buffer.alloc(8 * 1024 ** 2, 7) },
    ]);
    // Declared 1 KiB: under every central-directory check, so only counting inflated bytes catches it.
    const file = await stageZip(declareSize(honest, photo, 1024));
    const harness = importHarness([file]);
    const error = await createWhatsappImporter()(harness.input).catch((caught: unknown) => caught);
    expect(isConnError(error, 'artifact_invalid')).toBe(true);
    expect(isConnError(error) && error.details).toMatchObject({ reason: 'zip_bomb', entry: photo });
    expect(harness.batches).toEqual([]);
    expect(harness.puts).toEqual([]);
  });

  it('refuses more entries than allowed', async () => {
    const zip = await zipBuffer([
      { name: '_chat.txt', data: chat },
      ...Array.from({ length: 5 }, (_, index) => ({ name: `media-${index}.jpg`, data: 'x' })),
    ]);
    await expectRefused(await stageZip(zip), 'too_many_entries', {
      ...defaultZipLimits,
      maxEntries: 4,
    });
  });

  it('refuses a damaged zip as corrupt', async () => {
    const zip = await zipBuffer([{ name: '_chat.txt', data: chat }]);
    await expectRefused(await stageZip(zip.subarray(0, zip.length - 30)), 'corrupt_zip');
  });

  it('tells the owner when a zip holds no transcript', async () => {
    const file = await stageZip(await zipBuffer([{ name: 'IMG-1.jpg', data: 'x' }]));
    const report = await createWhatsappValidator()({
      ...file,
      signal: new AbortController().signal,
    });
    expect(report).toMatchObject({ valid: false, details: { reason: 'no_transcript' } });
    expect(report.remedy).toContain('_chat.txt');
  });
});
