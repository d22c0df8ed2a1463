/** Which app wrote an export: Android (`12/31/23, 9:41 PM - Alice: hi`) or iOS (`[31/12/2023, 21:41:05] Alice: hi`). */
export type WhatsappPlatform = 'android' | 'ios';

/**
 * The start of a message line, as written: the date's three numbers in their
 * written order (which of day and month comes first is decided for the whole
 * file later), the time, and what follows the header.
 */
export interface ChatLineHeader {
  platform: WhatsappPlatform;
  /** The date's numbers as written; `year_first` when the first one has four digits (`2023-12-31`). */
  date: { first: number; second: number; third: number; yearFirst: boolean };
  /** The date as written (`03.12.26`), for telling the owner how it was read. */
  dateText: string;
  hour: number;
  minute: number;
  second: number;
  /** Set on 12-hour clocks (`9:41 PM`). */
  meridiem: 'am' | 'pm' | null;
  /** Everything after the header: `Alice: text`, or a system notice without an author. */
  rest: string;
}

const date = String.raw`((\d{1,4})[./-](\d{1,2})[./-](\d{1,4}))`;
const time = String.raw`(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?`;
// `PM`, `pm`, `p.m.`, `p. m.`, after a space, a no-break space or U+202F (newer Android builds).
const meridiem = String.raw`(?:\s*([AaPp])\.?\s?[Mm]\.?)?`;
const androidHeader = new RegExp(String.raw`^${date},?\s+${time}${meridiem}\s+[-–]\s(.*)$`, 's');
const iosHeader = new RegExp(String.raw`^\[${date},?\s+${time}${meridiem}\]\s(.*)$`, 's');
// iOS marks system lines and attachments with U+200E (left-to-right mark); some lines start with it.
const leadingMarks = /^[\u200E\u200F\uFEFF]+/;

/**
 * Reads one line of a WhatsApp chat export: a message header in the Android
 * or the iOS layout, or null for a continuation line of a multi-line message.
 * Dates are not interpreted here (see `DateOrderDetector`); lines whose
 * numbers cannot be a date or time at all are not headers.
 *
 * @example
 * parseChatLine('12/31/23, 9:41 PM - Alice: Happy new year!')?.rest; // 'Alice: Happy new year!'
 * parseChatLine('and a second line'); // null
 */
export function parseChatLine(line: string): ChatLineHeader | null {
  const text = line.replace(leadingMarks, '');
  const android = androidHeader.exec(text);
  const match = android ?? iosHeader.exec(text);
  if (match === null) return null;
  const [, written, a, b, c, h, m, s, ampm, rest] = match;
  const first = Number(a);
  const second = Number(b);
  const third = Number(c);
  const yearFirst = a!.length === 4;
  if (!yearFirst && (c!.length === 1 || c!.length === 3)) return null;
  if (!yearFirst && (first > 31 || second > 31 || (first > 12 && second > 12))) return null;
  if (yearFirst && (second > 12 || third > 31)) return null;
  const meridiemValue = ampm === undefined ? null : ampm.toLowerCase() === 'p' ? 'pm' : 'am';
  const hour = Number(h);
  const minute = Number(m);
  const secondOfMinute = s === undefined ? 0 : Number(s);
  if (minute > 59 || secondOfMinute > 59) return null;
  if (meridiemValue === null ? hour > 23 : hour < 1 || hour > 12) return null;
  return {
    platform: android === null ? 'ios' : 'android',
    date: { first, second, third, yearFirst },
    dateText: written!,
    hour,
    minute,
    second: secondOfMinute,
    meridiem: meridiemValue,
    rest: rest!,
  };
}
