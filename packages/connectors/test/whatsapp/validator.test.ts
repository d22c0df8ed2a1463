import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UploadedFile } from '../../src/implementation';
import { createWhatsappValidator } from '../../src/whatsapp/validator';
import { androidTxt, androidZip, iosTxt, iosZip, stagingDir } from './fixture-files';

const now = () => new Date('2024-06-01T00:00:00Z');
const validate = (file: UploadedFile, at = now) =>
  createWhatsappValidator({ now: at })({ ...file, signal: new AbortController().signal });

let staging: Awaited<ReturnType<typeof stagingDir>>;
beforeEach(async () => {
  staging = await stagingDir();
});
afterEach(async () => {
  await staging.cleanup();
});

async function stage(name: string, data: string | Buffer): Promise<UploadedFile> {
  const path = join(staging.dir, `staged-${name.replace(/[^a-z0-9.]/gi, '_')}`);
  await writeFile(path, data);
  return { path, file_name: name };
}

describe('whatsappValidator', () => {
  it('reports an Android .txt export with 12-hour US dates', async () => {
    expect(await validate(androidTxt)).toEqual({
      valid: true,
      format: 'whatsapp_txt_android',
      counts: { chats: 1, messages: 11, attachments: 2 },
      date_range: { from: '2023-12-30T20:15:00', to: '2024-01-01T00:05:00' },
      empty: false,
      stale: false,
      suggested_label: 'WhatsApp — Family',
      remedy: null,
      // The chat is the account: its key (name and first message) and its name.
      identity: { account_id: expect.stringMatching(/^wa-chat-[0-9a-f]+$/), label: 'Family' },
      details: {
        date_order: 'month_first',
        date_order_source: 'unambiguous',
        media_files_included: 0,
      },
      // Every ambiguous-looking date here (1/1/24) reads the same either way: nothing to choose.
      readings: [],
    });
  });

  it('reports an iOS .txt export, naming it after the group its system lines carry', async () => {
    const report = await validate(iosTxt);
    expect(report).toMatchObject({
      valid: true,
      format: 'whatsapp_txt_ios',
      counts: { chats: 1, messages: 8, attachments: 1 },
      date_range: { from: '2024-03-15T09:58:00', to: '2024-03-16T21:31:00' },
      suggested_label: 'WhatsApp — Trip to Lisbon',
      details: { date_order: 'day_first', date_order_source: 'unambiguous' },
    });
  });

  it('reports a .zip export, its media, and a date order no date decides (24-hour clock: day first)', async () => {
    const report = await validate(await iosZip(staging.dir));
    expect(report).toMatchObject({
      valid: true,
      format: 'whatsapp_zip_ios',
      counts: { chats: 1, messages: 5, attachments: 2 },
      date_range: { from: '2024-01-02T18:20:11', to: '2024-01-03T08:00:00' },
      suggested_label: 'WhatsApp — Mum',
      details: {
        date_order: 'day_first',
        date_order_source: 'convention',
        media_files_included: 1,
      },
      readings: [
        {
          key: 'date_order',
          summary:
            'Read 02/01/2024 as 2 January 2024 — no date in the file decides it, and phones with a 24-hour clock usually put the day first.',
          chosen: 'day_first',
          options: [
            { value: 'day_first', label: 'Day first (02/01/2024 is 2 January 2024)' },
            { value: 'month_first', label: 'Month first (02/01/2024 is 1 February 2024)' },
          ],
        },
      ],
    });
  });

  it('names a renamed Android zip after the transcript inside and orders dates by chronology', async () => {
    const report = await validate(await androidZip(staging.dir));
    expect(report).toMatchObject({
      valid: true,
      format: 'whatsapp_zip_android',
      counts: { chats: 1, messages: 5, attachments: 2 },
      date_range: { from: '2024-01-05T09:00:00', to: '2024-02-01T08:30:00' },
      suggested_label: 'WhatsApp — Team',
      details: {
        date_order: 'day_first',
        date_order_source: 'chronology',
        media_files_included: 1,
      },
    });
    expect(report.readings?.[0]?.summary).toBe(
      'Read 05/01/2024 as 5 January 2024 — read the other way, 1 line would go back in time.',
    );
  });

  it('reads an iOS transcript that starts with "[" as a chat, not as JSON', async () => {
    const file = await stage('_chat.txt', '[31/12/2023, 21:41:05] Alice: Happy new year!\n');
    expect(await validate(file)).toMatchObject({
      valid: true,
      format: 'whatsapp_txt_ios',
      counts: { chats: 1, messages: 1, attachments: 0 },
      suggested_label: 'WhatsApp — Alice',
    });
  });

  it('calls an export whose newest message is over two years old stale', async () => {
    const report = await validate(androidTxt, () => new Date('2026-06-01T00:00:00Z'));
    expect(report).toMatchObject({ valid: true, stale: true });
  });

  it('reads 24-hour Android dates with dots and the other day/month order', async () => {
    const file = await stage(
      'WhatsApp Chat with Oma.txt',
      '24.12.23, 18:00 - Oma: Frohe Weihnachten!\n25.12.23, 09:30 - Max: Danke!\n',
    );
    expect(await validate(file)).toMatchObject({
      valid: true,
      format: 'whatsapp_txt_android',
      counts: { messages: 2 },
      date_range: { from: '2023-12-24T18:00:00', to: '2023-12-25T09:30:00' },
      details: { date_order: 'day_first', date_order_source: 'unambiguous' },
    });
  });

  it('tells the owner how many lines decided an order no single date shows', async () => {
    const file = await stage(
      'WhatsApp Chat with Oma.txt',
      '03.12.23, 18:00 - Oma: Bis bald!\n24.12.23, 18:00 - Oma: Frohe Weihnachten!\n25.12.23, 09:30 - Max: Danke!\n',
    );
    const report = await validate(file);
    expect(report.readings?.map((reading) => [reading.summary, reading.chosen])).toEqual([
      ['Read 03.12.23 as 3 December 2023 — 2 lines decide it.', 'day_first'],
    ]);
  });

  it('refuses a backup database with the steps to export a chat instead', async () => {
    const file = await stage('msgstore.db.crypt14', Buffer.from([0, 1, 2, 3, 250, 251, 0, 9]));
    const report = await validate(file);
    expect(report).toMatchObject({
      valid: false,
      format: null,
      details: { reason: 'whatsapp_backup' },
    });
    expect(report.remedy).toContain('WhatsApp backup database (msgstore.db.crypt14)');
    expect(report.remedy).toContain('Export chat');
  });

  it('refuses a photo, a JSON file and a text file that is no chat, each with a remedy', async () => {
    const png = await stage(
      'IMG_0001.png',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    const json = await stage('chat.json', '{"messages": [{"text": "hi"}]}');
    const text = await stage('notes.txt', 'Shopping list\n- milk\n- eggs\n');
    const reports = await Promise.all([png, json, text].map((file) => validate(file)));
    expect(reports.map((report) => [report.valid, report.details?.reason])).toEqual([
      [false, 'media_file'],
      [false, 'json_file'],
      [false, 'not_a_chat'],
    ]);
    expect(reports[0]?.remedy).toMatch(/^This is a photo, video or document, not a chat export\./);
    for (const report of reports) expect(report.remedy).toContain('Export chat');
  });

  it('marks an empty file as empty and invalid', async () => {
    const report = await validate(await stage('WhatsApp Chat with Nobody.txt', ''));
    expect(report).toMatchObject({ valid: false, empty: true, details: { reason: 'empty_file' } });
  });
});
