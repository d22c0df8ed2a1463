import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { whatsappImporter } from '../../src/whatsapp/importer';
import { createWhatsappValidator } from '../../src/whatsapp/validator';
import { fixtures } from './fixture-files';
import { importHarness } from './import-harness';

/**
 * One export per variant: locale × app × clock. Every file holds the same
 * conversation in its own language and layout (see each file), so one
 * expectation covers the whole matrix.
 */
const matrix = [
  {
    file: 'en-us-android-12h.txt',
    order: 'month_first',
    note: '12-hour, U+202F before AM/PM, M/D/YY',
  },
  { file: 'en-us-ios-12h.txt', order: 'month_first', note: 'bracketed, 12-hour, U+202F' },
  { file: 'en-gb-android-24h.txt', order: 'day_first', note: 'DD/MM/YYYY' },
  { file: 'en-gb-ios-24h.txt', order: 'day_first', note: 'bracketed DD/MM/YYYY' },
  { file: 'de-android-24h.txt', order: 'day_first', note: 'dotted DD.MM.YY' },
  { file: 'de-ios-24h.txt', order: 'day_first', note: '[07.03.26, 09:05:00]' },
  {
    file: 'es-android-12h.txt',
    order: 'day_first',
    note: 'day first with a. m./p. m., U+202F and U+00A0',
  },
  { file: 'es-ios-24h.txt', order: 'day_first', note: 'D/M/YY, one-digit hour' },
  { file: 'fr-android-24h.txt', order: 'day_first', note: 'no comma after the date' },
  { file: 'fr-ios-24h.txt', order: 'day_first', note: 'bracketed, no comma' },
  { file: 'pt-android-24h.txt', order: 'day_first', note: 'DD/MM/YYYY HH:mm' },
  { file: 'pt-ios-24h.txt', order: 'day_first', note: 'bracketed DD/MM/YYYY' },
  { file: 'it-android-24h.txt', order: 'day_first', note: 'DD/MM/YY' },
  { file: 'it-ios-24h.txt', order: 'day_first', note: 'bracketed DD/MM/YY' },
  { file: 'nl-android-24h.txt', order: 'day_first', note: 'dashed DD-MM-YYYY' },
  { file: 'nl-ios-24h.txt', order: 'day_first', note: 'bracketed, dashed' },
] as const;

const sentAt = [
  '2026-03-07T09:05:00',
  '2026-03-07T09:06:00',
  '2026-03-07T13:30:00',
  '2026-03-12T21:22:00',
  '2026-03-12T21:23:00',
  '2026-03-13T00:01:00',
  '2026-03-13T08:15:00',
];
const locales = join(fixtures, 'locales');
const file = (name: string) => ({ path: join(locales, name), file_name: name });
const validate = createWhatsappValidator({ now: () => new Date('2026-06-01T00:00:00Z') });

describe('the locale × app × clock matrix', () => {
  it('has a fixture for every variant and a variant for every fixture', async () => {
    expect((await readdir(locales)).sort()).toEqual(matrix.map((variant) => variant.file).sort());
  });

  for (const variant of matrix) {
    const platform = variant.file.includes('-ios-') ? 'ios' : 'android';
    it(`reads ${variant.file} (${variant.note})`, async () => {
      const report = await validate({
        ...file(variant.file),
        signal: new AbortController().signal,
      });
      expect(report).toMatchObject({
        valid: true,
        format: `whatsapp_txt_${platform}`,
        counts: { chats: 1, messages: 7, attachments: 2 },
        date_range: { from: sentAt[0], to: sentAt[6] },
        details: { date_order: variant.order, date_order_source: 'unambiguous' },
      });

      const harness = importHarness([file(variant.file)]);
      await whatsappImporter(harness.input);
      const messages = harness.records('messages');
      expect(messages.map((message) => message.sent_at)).toEqual(sentAt);
      expect(messages.map((message) => [message.author, message.system])).toEqual([
        [null, true],
        ['Alice', false],
        ['Bob', false],
        ['Alice', false],
        ['Bob', false],
        ['Alice', false],
        ['Bob', false],
      ]);
      expect(messages.map((message) => message.has_attachment)).toEqual([
        false,
        false,
        false,
        true,
        true,
        false,
        false,
      ]);
      // The multi-line message keeps its second line; the one with a colon in its text keeps its author.
      expect(String(messages[2]?.text).split('\n')).toHaveLength(2);
      expect(String(messages[6]?.text)).toMatch(/:/);
      const attachments = harness.records('attachments');
      expect(attachments.map((attachment) => attachment.kind)).toEqual([
        platform === 'ios' ? 'image' : 'media',
        'image',
      ]);
      expect(attachments[0]?.file_name).toBeNull();
      expect(String(attachments[1]?.file_name)).toMatch(/\.jpg$/);
      // The caption on the line under the file is the message's text.
      expect(String(messages[4]?.text)).not.toBe('');
    });
  }
});
