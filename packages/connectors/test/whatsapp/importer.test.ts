import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isConnError } from '@conn/setup-engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UploadedFile } from '../../src/implementation';
import { whatsappImporter } from '../../src/whatsapp/importer';
import {
  androidTxt,
  androidZip,
  fixtures,
  iosTxt,
  iosZip,
  renamedCopy,
  stagingDir,
} from './fixture-files';
import { importHarness } from './import-harness';

let staging: Awaited<ReturnType<typeof stagingDir>>;
beforeEach(async () => {
  staging = await stagingDir();
});
afterEach(async () => {
  await staging.cleanup();
});

async function importFiles(files: readonly UploadedFile[]) {
  const harness = importHarness(files);
  const result = await whatsappImporter(harness.input);
  return { harness, result };
}

const ids = (records: readonly Record<string, unknown>[]) => records.map((record) => record.id);

describe('whatsappImporter', () => {
  it('imports an Android .txt: one chat, every message, deferred attachments', async () => {
    const { harness, result } = await importFiles([androidTxt]);
    expect(result.counts).toEqual({ chats: 1, messages: 11, attachments: 2 });
    expect(result.provenance).toEqual({
      format: 'whatsapp_txt_android',
      acquisition: 'on_device_export',
      coverage: { from: '2023-12-30T20:15:00', to: '2024-01-01T00:05:00' },
    });
    const [chat] = harness.records('chats');
    expect(chat).toMatchObject({
      name: 'Family',
      platform: 'android',
      format: 'whatsapp_txt_android',
      participants: ['Alice', 'Bob', 'Carol'],
      message_count: 11,
      attachment_count: 2,
      date_order: 'month_first',
    });
    const messages = harness.records('messages');
    expect(messages.slice(0, 5).map((m) => [m.author, m.system, m.text])).toEqual([
      [
        null,
        true,
        'Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.',
      ],
      [null, true, 'Alice created group "Family"'],
      [null, true, 'Alice added Bob and Carol'],
      ['Alice', false, 'Who is bringing dessert tomorrow?'],
      [
        'Bob',
        false,
        'I can bake something.\nMaybe the lemon tart?\n\nOr brownies: everyone likes those.',
      ],
    ]);
    // Three messages in the same minute get distinct keys through their per-time sequence.
    expect(ids(messages.filter((m) => m.sent_at === '2023-12-30T20:17:00'))).toEqual([
      `${chat?.id}/2023-12-30T20:17:00/Alice/0`,
      `${chat?.id}/2023-12-30T20:17:00/Bob/1`,
      `${chat?.id}/2023-12-30T20:17:00/Bob/2`,
    ]);
    expect(harness.records('attachments')).toEqual([
      {
        id: `${chat?.id}/2023-12-30T20:17:00/Bob/2/media-omitted`,
        chat_id: chat?.id,
        message_id: `${chat?.id}/2023-12-30T20:17:00/Bob/2`,
        sent_at: '2023-12-30T20:17:00',
        author: 'Bob',
        file_name: null,
        kind: 'media',
        media_type: null,
        hydration_status: 'deferred',
        hydration_reason: 'export_without_media',
      },
      expect.objectContaining({
        author: 'Carol',
        sent_at: '2024-01-01T00:01:00',
        hydration_status: 'deferred',
      }),
    ]);
    expect(harness.puts).toEqual([]);
    expect(harness.progress.map((p) => p.stage)).toEqual(['reading', 'messages']);
  });

  it('imports an iOS .txt: U+200E system lines, CRLF, phone-number authors, deleted messages', async () => {
    const { harness, result } = await importFiles([iosTxt]);
    expect(result.counts).toEqual({ chats: 1, messages: 8, attachments: 1 });
    const messages = harness.records('messages');
    expect(messages.map((m) => [m.sent_at, m.author, m.system])).toEqual([
      ['2024-03-15T09:58:00', null, true],
      ['2024-03-15T09:58:00', null, true],
      ['2024-03-15T09:58:30', null, true],
      ['2024-03-15T10:00:00', 'Dana', false],
      ['2024-03-15T10:00:05', 'Eli', false],
      ['2024-03-15T10:02:00', 'Dana', false],
      ['2024-03-16T21:30:12', '+351 912 345 678', false],
      ['2024-03-16T21:31:00', 'Dana', false],
    ]);
    expect(messages[4]?.text).toBe('Great!\nWhich hotel?\nNear Alfama please');
    expect(messages[1]?.text).toBe('Dana created group “Trip to Lisbon”');
    expect(harness.records('attachments')).toEqual([
      expect.objectContaining({ kind: 'image', file_name: null, hydration_status: 'deferred' }),
    ]);
    expect(harness.records('chats')[0]).toMatchObject({
      name: 'Trip to Lisbon',
      participants: ['Dana', 'Eli', '+351 912 345 678'],
    });
  });

  it('stores a zip’s media through the blob sink and defers what the zip lacks', async () => {
    const file = await iosZip(staging.dir);
    const { harness, result } = await importFiles([file]);
    expect(result.counts).toEqual({ chats: 1, messages: 5, attachments: 2 });
    const photo = await readFile(
      join(fixtures, 'ios-zip', '00000003-PHOTO-2024-01-02-18-21-45.jpg'),
    );
    const sha256 = createHash('sha256').update(photo).digest('hex');
    expect(harness.puts).toEqual([
      {
        options: { file_name: '00000003-PHOTO-2024-01-02-18-21-45.jpg', media_type: 'image/jpeg' },
        blob: { sha256, size_bytes: photo.length },
      },
    ]);
    const [stored, missing] = harness.records('attachments');
    expect(stored).toMatchObject({
      file_name: '00000003-PHOTO-2024-01-02-18-21-45.jpg',
      kind: 'image',
      media_type: 'image/jpeg',
      blob: { sha256, size_bytes: photo.length },
    });
    expect(stored).not.toHaveProperty('hydration_status');
    expect(missing).toMatchObject({
      file_name: '00000005-AUDIO-2024-01-03-08-00-00.opus',
      kind: 'audio',
      media_type: 'audio/ogg',
      hydration_status: 'deferred',
      hydration_reason: 'file_not_in_upload',
    });
    expect(missing).not.toHaveProperty('blob');
    expect(harness.records('chats')[0]).toMatchObject({ name: 'Mum', format: 'whatsapp_zip_ios' });
    expect(harness.progress.map((p) => p.stage)).toEqual(['reading', 'media', 'messages']);
  });

  it('keeps an Android zip caption as the message text and stores the photo', async () => {
    const { harness } = await importFiles([await androidZip(staging.dir)]);
    const withPhoto = harness.records('messages').find((m) => m.has_attachment === true);
    expect(withPhoto).toMatchObject({
      author: 'Ana',
      text: 'Sprint plan',
      sent_at: '2024-01-05T09:01:00',
    });
    expect(harness.puts.map((put) => put.options.file_name)).toEqual(['IMG-20240105-WA0001.jpg']);
    expect(
      harness.records('attachments').map((a) => [a.kind, 'blob' in a, a.hydration_status]),
    ).toEqual([
      ['image', true, undefined],
      ['document', false, 'deferred'],
    ]);
  });

  it('reads the dates the way the owner picked at import, not the way it guessed', async () => {
    const harness = importHarness([await androidZip(staging.dir)]);
    await whatsappImporter({ ...harness.input, readings: { date_order: 'month_first' } });
    expect(harness.records('messages').map((m) => m.sent_at)).toEqual([
      '2024-05-01T09:00:00',
      '2024-05-01T09:01:00',
      '2024-05-01T09:01:00',
      '2024-06-01T17:45:00',
      '2024-01-02T08:30:00',
    ]);
    expect(harness.records('chats')[0]).toMatchObject({
      date_order: 'month_first',
      date_order_source: 'owner',
    });
  });

  it('ignores a pick that names no date order', async () => {
    const guessed = importHarness([await androidZip(staging.dir)]);
    await whatsappImporter({ ...guessed.input, readings: { date_order: 'sideways' } });
    expect(guessed.records('chats')[0]).toMatchObject({ date_order: 'day_first' });
  });

  it('gives the same keys to the same export imported twice, even renamed', async () => {
    const first = await importFiles([androidTxt, iosTxt, await iosZip(staging.dir)]);
    const renamed = await renamedCopy(androidTxt, staging.dir, 'WhatsApp Chat with Family (1).txt');
    const second = await importFiles([renamed, iosTxt, await iosZip(staging.dir)]);
    for (const stream of ['chats', 'messages', 'attachments']) {
      const keys = ids(first.harness.records(stream));
      expect(new Set(keys).size).toBe(keys.length);
      expect(ids(second.harness.records(stream))).toEqual(keys);
    }
    expect(first.result.provenance?.format).toBe(
      'whatsapp_txt_android+whatsapp_txt_ios+whatsapp_zip_ios',
    );
    expect(first.result.provenance?.coverage).toEqual({
      from: '2023-12-30T20:15:00',
      to: '2024-03-16T21:31:00',
    });
  });

  it('gives two different chats two different chat keys', async () => {
    const { harness } = await importFiles([androidTxt, iosTxt]);
    const [family, lisbon] = harness.records('chats');
    expect(family?.id).not.toBe(lisbon?.id);
  });

  it('emits in batches of at most 500 records', async () => {
    const lines = Array.from(
      { length: 1_203 },
      (_, index) =>
        `31/12/2023, ${String(Math.floor(index / 60) % 24).padStart(2, '0')}:${String(index % 60).padStart(2, '0')} - Alice: message ${index}`,
    );
    const path = join(staging.dir, 'long.txt');
    await writeFile(path, `${lines.join('\n')}\n`);
    const { harness, result } = await importFiles([
      { path, file_name: 'WhatsApp Chat with Alice.txt' },
    ]);
    expect(result.counts.messages).toBe(1_203);
    expect(
      harness.batches.filter((b) => b.stream === 'messages').map((b) => b.records.length),
    ).toEqual([500, 500, 203]);
    expect(
      harness.progress.filter((p) => p.stage === 'messages').map((p) => p.counts.messages),
    ).toEqual([1_000, 1_203]);
  });

  it('refuses a file that is no chat export with artifact_invalid and emits nothing', async () => {
    const path = join(staging.dir, 'notes.txt');
    await writeFile(path, 'just some notes\n');
    const harness = importHarness([{ path, file_name: 'notes.txt' }]);
    const error = await whatsappImporter(harness.input).catch((caught: unknown) => caught);
    expect(isConnError(error, 'artifact_invalid')).toBe(true);
    expect(isConnError(error) && error.details).toMatchObject({ reason: 'not_a_chat' });
    expect(harness.batches).toEqual([]);
  });
});
