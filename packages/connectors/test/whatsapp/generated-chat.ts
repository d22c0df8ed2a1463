import fc from 'fast-check';
import type { AttachmentKind } from '../../src/whatsapp/attachment-marker';
import type { WhatsappPlatform } from '../../src/whatsapp/chat-line';
import type { DateOrder } from '../../src/whatsapp/date-order';
import {
  localizedMarkers,
  type MarkerLocale,
  type MarkerShape,
} from '../../src/whatsapp/localized-markers';

/** How a phone writes its export: app, language, date and clock style. */
export interface ChatFormat {
  platform: WhatsappPlatform;
  locale: MarkerLocale;
  order: DateOrder;
  separator: '/' | '.' | '-';
  fourDigitYear: boolean;
  padded: boolean;
  comma: boolean;
  /** Null on a 24-hour clock; else how AM/PM is written, and the space before it. */
  meridiem: { am: string; pm: string; space: string } | null;
  crlf: boolean;
}

/** One message as the phone had it, before it was written out. */
export interface GeneratedMessage {
  /** Local time, zone-less ISO 8601, seconds 0 on Android (it writes none). */
  sent_at: string;
  author: string | null;
  /** The message's lines as the owner sees them, marker first for media. */
  text: string;
  attachment: { kind: AttachmentKind; file_name: string | null } | null;
}

export interface GeneratedChat {
  format: ChatFormat;
  messages: GeneratedMessage[];
}

const meridiems = [
  { am: 'AM', pm: 'PM' },
  { am: 'am', pm: 'pm' },
  { am: 'a. m.', pm: 'p. m.' },
  { am: 'a.\u00a0m.', pm: 'p.\u00a0m.' },
  { am: 'a.m.', pm: 'p.m.' },
];
const words = [
  'hallo',
  'Kuchen',
  'gâteau',
  'mañana',
  'ciao',
  'obrigado',
  'taart',
  'ok',
  'see',
  'you',
  'à',
  'ß',
  'émoji',
  '🎉',
  'l’été',
  '12',
  '3.5',
  '(maybe)',
  '-',
  'why?',
  '¡sí!',
];
const authors = ['Alice', 'Bob', 'Zoë Ünal', 'Jean-Luc', 'Maria José'];
const locales: MarkerLocale[] = ['en', 'de', 'es', 'fr', 'pt', 'it', 'nl'];

export const chatFormatArbitrary: fc.Arbitrary<ChatFormat> = fc
  .record({
    platform: fc.constantFrom<WhatsappPlatform>('android', 'ios'),
    locale: fc.constantFrom(...locales),
    order: fc.constantFrom<DateOrder>('day_first', 'month_first', 'year_first'),
    separator: fc.constantFrom<ChatFormat['separator']>('/', '.', '-'),
    fourDigitYear: fc.boolean(),
    padded: fc.boolean(),
    comma: fc.boolean(),
    meridiem: fc.option(
      fc.record({
        style: fc.constantFrom(...meridiems),
        space: fc.constantFrom(' ', '\u202f', '\u00a0'),
      }),
    ),
    crlf: fc.boolean(),
  })
  .map(({ meridiem, ...format }) => ({
    ...format,
    // Year first is only ever written with four digits (`2024-03-07`).
    fourDigitYear: format.fourDigitYear || format.order === 'year_first',
    meridiem: meridiem === null ? null : { ...meridiem.style, space: meridiem.space },
  }));

const line = fc
  .array(fc.constantFrom(...words), { minLength: 1, maxLength: 6 })
  .map((w) => w.join(' '));
const minute = 60_000;
const start = Date.UTC(2012, 0, 1);
const span = Date.UTC(2030, 0, 1) - start;

function markerText(format: ChatFormat, shape: MarkerShape) {
  return localizedMarkers.filter(
    (marker) =>
      marker.locale === format.locale &&
      marker.platform === format.platform &&
      marker.shape === shape,
  );
}

function messageArbitrary(format: ChatFormat): fc.Arbitrary<Omit<GeneratedMessage, 'sent_at'>> {
  const caption = fc.array(line, { maxLength: 2 });
  const text = fc.record({
    author: fc.constantFrom(...authors),
    lines: fc.array(line, { minLength: 1, maxLength: 3 }),
  });
  const omitted = fc.record({
    author: fc.constantFrom(...authors),
    marker: fc.constantFrom(...markerText(format, 'omitted')),
  });
  const attachedShape = format.platform === 'ios' ? 'attached_tag' : 'file_attached';
  const attached = fc.record({
    author: fc.constantFrom(...authors),
    marker: fc.constantFrom(...markerText(format, attachedShape)),
    caption,
  });
  return fc.oneof(
    {
      weight: 6,
      arbitrary: text.map(({ author, lines }) => ({
        author,
        text: lines.join('\n'),
        attachment: null,
      })),
    },
    {
      weight: 1,
      arbitrary: line.map((notice) => ({ author: null, text: notice, attachment: null })),
    },
    {
      weight: 2,
      arbitrary: omitted.map(({ author, marker }) => ({
        author,
        text: marker.text,
        attachment: { kind: marker.kind ?? 'media', file_name: null },
      })),
    },
    {
      weight: 2,
      arbitrary: attached.map(({ author, marker, caption: lines }) => {
        const fileName =
          format.platform === 'ios'
            ? '00000042-PHOTO-2024-03-07-21-22-39.jpg'
            : 'IMG-20240307-WA0042.jpg';
        const first =
          format.platform === 'ios'
            ? `<${marker.text}: ${fileName}>`
            : `${fileName} (${marker.text})`;
        return {
          author,
          text: [first, ...lines].join('\n'),
          attachment: { kind: 'image' as const, file_name: fileName },
        };
      }),
    },
  );
}

/**
 * A chat in any supported format: messages in time order, one of them on a
 * day after the 12th so the file decides its own date order (`decided`), or
 * — without it — possibly a file no date decides.
 */
export function generatedChatArbitrary(options: { decided: boolean }): fc.Arbitrary<GeneratedChat> {
  return chatFormatArbitrary.chain((format) =>
    fc
      .record({
        messages: fc.array(messageArbitrary(format), { minLength: 1, maxLength: 25 }),
        first: fc.integer({ min: 0, max: Math.floor(span / minute) }),
        gaps: fc.array(fc.integer({ min: 0, max: 4 * 24 * 60 }), { minLength: 25, maxLength: 25 }),
        seconds: fc.array(fc.integer({ min: 0, max: 59 }), { minLength: 25, maxLength: 25 }),
        decider: fc.nat(),
      })
      .map(({ messages, first, gaps, seconds, decider }) => {
        let at = start + first * minute;
        const times = messages.map((_, index) => {
          at += gaps[index]! * minute;
          const second = format.platform === 'ios' ? seconds[index]! : 0;
          return new Date(at + second * 1000);
        });
        if (options.decided) {
          // Moves one message and those after it to a day past the 12th, keeping the order.
          const index = decider % times.length;
          const moved = times[index]!;
          if (moved.getUTCDate() <= 12) {
            const shift = (13 - moved.getUTCDate()) * 24 * 60 * minute;
            for (let later = index; later < times.length; later += 1)
              times[later] = new Date(times[later]!.getTime() + shift);
          }
        }
        return {
          format,
          messages: messages.map((message, index) => ({
            ...message,
            sent_at: times[index]!.toISOString().slice(0, 19),
          })),
        };
      }),
  );
}

const pad = (value: number, padded: boolean) =>
  padded ? String(value).padStart(2, '0') : String(value);

/** The header WhatsApp writes before a message sent at `time` (zone-less ISO 8601). */
export function renderHeader(format: ChatFormat, time: string): string {
  const [date, clock] = time.split('T') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minuteOfHour, second] = clock.split(':').map(Number) as [number, number, number];
  const yearText = format.fourDigitYear ? String(year) : String(year % 100).padStart(2, '0');
  const fields =
    format.order === 'year_first'
      ? [String(year), pad(month, true), pad(day, true)]
      : format.order === 'day_first'
        ? [pad(day, format.padded), pad(month, format.padded), yearText]
        : [pad(month, format.padded), pad(day, format.padded), yearText];
  const dateText = fields.join(format.order === 'year_first' ? '-' : format.separator);
  let hourText: string;
  let suffix = '';
  if (format.meridiem === null) hourText = pad(hour, true);
  else {
    hourText = pad(hour % 12 === 0 ? 12 : hour % 12, format.padded);
    suffix = format.meridiem.space + (hour < 12 ? format.meridiem.am : format.meridiem.pm);
  }
  const seconds = format.platform === 'ios' ? `:${pad(second, true)}` : '';
  const stamp = `${dateText}${format.comma ? ',' : ''} ${hourText}:${pad(minuteOfHour, true)}${seconds}${suffix}`;
  return format.platform === 'ios' ? `[${stamp}] ` : `${stamp} - `;
}

/** The transcript WhatsApp writes for a generated chat, iOS's U+200E marks included. */
export function renderChat(chat: GeneratedChat): string {
  const lrm = '\u200e';
  const { format } = chat;
  const lines = chat.messages.map((message) => {
    const header = renderHeader(format, message.sent_at);
    if (format.platform === 'android')
      return `${header}${message.author === null ? '' : `${message.author}: `}${message.text}`;
    if (message.author === null) return `${lrm}${header}Group: ${lrm}${message.text}`;
    if (message.attachment !== null)
      return `${lrm}${header}${message.author}: ${lrm}${message.text}`;
    return `${header}${message.author}: ${message.text}`;
  });
  const newline = format.crlf ? '\r\n' : '\n';
  return lines.join(newline) + newline;
}
