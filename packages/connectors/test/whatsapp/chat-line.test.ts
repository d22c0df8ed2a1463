import { describe, expect, it } from 'vitest';
import { attachmentMarker } from '../../src/whatsapp/attachment-marker';
import { parseChatLine } from '../../src/whatsapp/chat-line';
import { chatNameFromFileName } from '../../src/whatsapp/chat-name';
import { headerLocalTime } from '../../src/whatsapp/date-order';

const at = (line: string, order: 'day_first' | 'month_first') => {
  const header = parseChatLine(line);
  return header === null ? null : [header.platform, headerLocalTime(header, order), header.rest];
};

describe('parseChatLine', () => {
  it('reads every header layout both apps write', () => {
    expect(at('12/31/23, 9:41 PM - Alice: text', 'month_first')).toEqual([
      'android',
      '2023-12-31T21:41:00',
      'Alice: text',
    ]);
    expect(at('12/31/23, 9:41\u202fPM - Alice: text', 'month_first')?.[1]).toBe(
      '2023-12-31T21:41:00',
    );
    expect(at('1/1/24, 12:05 AM - Bob: late', 'month_first')?.[1]).toBe('2024-01-01T00:05:00');
    expect(at('31/12/2023, 21:41 - Alice: text', 'day_first')?.[1]).toBe('2023-12-31T21:41:00');
    expect(at('31.12.23, 21:41 - Alice: text', 'day_first')?.[1]).toBe('2023-12-31T21:41:00');
    expect(at('[31/12/2023, 21:41:05] Alice: text', 'day_first')).toEqual([
      'ios',
      '2023-12-31T21:41:05',
      'Alice: text',
    ]);
    expect(at('\u200e[31/12/2023, 21:41:05] Alice: \u200eimage omitted', 'day_first')?.[0]).toBe(
      'ios',
    );
    expect(at('[12/31/23, 9:41:05 p. m.] Alice: text', 'month_first')?.[1]).toBe(
      '2023-12-31T21:41:05',
    );
  });

  it('leaves continuation lines and impossible dates to the message before', () => {
    expect(parseChatLine('Maybe the lemon tart?')).toBeNull();
    expect(parseChatLine('')).toBeNull();
    expect(parseChatLine('13/13/2023, 10:00 - Alice: no such month')).toBeNull();
    expect(parseChatLine('12/31/23, 25:10 - Alice: no such hour')).toBeNull();
    expect(parseChatLine('12/31/23, 9:41 - no separator')).not.toBeNull();
  });

  it('finds no day that does not exist under the chosen order', () => {
    const header = parseChatLine('02/30/2024, 10:00 - Alice: hi');
    expect(header && headerLocalTime(header, 'month_first')).toBeNull();
  });
});

describe('attachmentMarker', () => {
  it('recognises every media marker', () => {
    expect(attachmentMarker('<Media omitted>')?.marker).toEqual({ file_name: null, kind: 'media' });
    expect(attachmentMarker('image omitted')?.marker).toEqual({ file_name: null, kind: 'image' });
    expect(attachmentMarker('GIF omitted')?.marker).toEqual({ file_name: null, kind: 'gif' });
    expect(attachmentMarker('Contact card omitted')?.marker).toEqual({
      file_name: null,
      kind: 'contact',
    });
    expect(attachmentMarker('<attached: 00000012-PHOTO-2023-12-31-21-41-05.jpg>')?.marker).toEqual({
      file_name: '00000012-PHOTO-2023-12-31-21-41-05.jpg',
      kind: 'image',
    });
    expect(attachmentMarker('PTT-20231231-WA0003.opus (file attached)')?.marker).toEqual({
      file_name: 'PTT-20231231-WA0003.opus',
      kind: 'audio',
    });
    expect(attachmentMarker('IMG-20231231-WA0001.jpg (file attached)\nFireworks!')).toEqual({
      marker: { file_name: 'IMG-20231231-WA0001.jpg', kind: 'image' },
      caption: 'Fireworks!',
    });
    expect(attachmentMarker('I omitted nothing')).toBeNull();
  });
});

describe('chatNameFromFileName', () => {
  it('reads the chat name both apps put in the export name', () => {
    expect(chatNameFromFileName('WhatsApp Chat with Family.txt')).toBe('Family');
    expect(chatNameFromFileName('WhatsApp Chat - Trip to Lisbon.zip')).toBe('Trip to Lisbon');
    expect(chatNameFromFileName('WhatsApp Chat with Family (2).zip')).toBe('Family');
    expect(chatNameFromFileName('WhatsApp-Chat mit Oma.txt')).toBe('Oma');
    expect(chatNameFromFileName('_chat.txt')).toBeNull();
    expect(chatNameFromFileName('export.zip')).toBeNull();
  });
});
