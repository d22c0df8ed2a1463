import type { ChatLineHeader } from './chat-line';

/** How an export writes dates: `31/12/2023` (day first), `12/31/23` (month first) or `2023-12-31`. */
export type DateOrder = 'day_first' | 'month_first' | 'year_first';

/**
 * How the date order was decided: a date that can only be read one way
 * (`31/12/2023`), the order under which the messages run chronologically,
 * the phone's convention when nothing else tells (12-hour clocks are US-style
 * month first, 24-hour clocks day first), or the owner's pick at import.
 */
export type DateOrderSource = 'unambiguous' | 'chronology' | 'convention' | 'owner';

/** What the detector decided for a file, and what decided it. */
export interface DateOrderDecision {
  order: DateOrder;
  source: Exclude<DateOrderSource, 'owner'>;
  /** Lines that decided it: dates readable only this way, or the lines the other order sends back in time. */
  deciding: number;
  /** The first date that reads differently under the two orders (`03/12/24`), or null when none does. */
  example: ChatLineHeader | null;
  /** True when most lines have a 12-hour clock. */
  twelveHour: boolean;
}

const monthDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * A header's time as a zone-less ISO 8601 string in the phone's local time,
 * or null if no such day or time exists. Built from the numbers, with no
 * `Date`: it runs for every line, twice while the order is being decided.
 */
export function headerLocalTime(header: ChatLineHeader, order: DateOrder): string | null {
  const { first, second, third, yearFirst } = header.date;
  let year: number;
  let month: number;
  let day: number;
  if (yearFirst) [year, month, day] = [first, second, third];
  else if (order === 'month_first') [month, day, year] = [first, second, third];
  else [day, month, year] = [first, second, third];
  if (year < 100) year += 2000;
  let hour = header.hour;
  if (header.meridiem !== null) hour = (hour % 12) + (header.meridiem === 'pm' ? 12 : 0);
  if (month < 1 || month > 12 || day < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && !leap ? 28 : (monthDays[month - 1] ?? 0))) return null;
  if (hour > 23 || header.minute > 59 || header.second > 59) return null;
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${two(hour)}:${two(header.minute)}:${two(header.second)}`;
}

/**
 * Decides whether an export's dates are day or month first, from every header
 * line it has: any first field over 12 means day first, any second field over
 * 12 means month first; when no date is unambiguous, the order under which
 * fewer messages go back in time wins; on a tie, the clock style decides.
 *
 * @example
 * const detector = new DateOrderDetector();
 * for (const header of headers) detector.observe(header);
 * detector.result(); // { order: 'month_first', source: 'unambiguous' }
 */
export class DateOrderDetector {
  #dayFirstEvidence = 0;
  #monthFirstEvidence = 0;
  #yearFirst = 0;
  #twelveHour = 0;
  #headers = 0;
  #example: ChatLineHeader | null = null;
  readonly #previous: Record<'day_first' | 'month_first', string | null> = {
    day_first: null,
    month_first: null,
  };
  readonly #backwards: Record<'day_first' | 'month_first', number> = {
    day_first: 0,
    month_first: 0,
  };

  observe(header: ChatLineHeader): void {
    this.#headers += 1;
    if (header.meridiem !== null) this.#twelveHour += 1;
    if (header.date.yearFirst) {
      this.#yearFirst += 1;
      return;
    }
    const { first, second } = header.date;
    if (this.#example === null && first !== second && first <= 12 && second <= 12)
      this.#example = header;
    if (header.date.first > 12) this.#dayFirstEvidence += 1;
    if (header.date.second > 12) this.#monthFirstEvidence += 1;
    for (const order of ['day_first', 'month_first'] as const) {
      const time = headerLocalTime(header, order);
      if (time === null) continue;
      const previous = this.#previous[order];
      if (previous !== null && time < previous) this.#backwards[order] += 1;
      this.#previous[order] = time;
    }
  }

  result(): DateOrderDecision {
    const twelveHour = this.#twelveHour * 2 > this.#headers;
    const decided = (
      order: DateOrder,
      source: DateOrderDecision['source'],
      deciding: number,
    ): DateOrderDecision => ({ order, source, deciding, example: this.#example, twelveHour });
    if (this.#yearFirst > 0 && this.#yearFirst * 2 >= this.#headers)
      return decided('year_first', 'unambiguous', this.#yearFirst);
    if (this.#dayFirstEvidence !== this.#monthFirstEvidence)
      return this.#dayFirstEvidence > this.#monthFirstEvidence
        ? decided('day_first', 'unambiguous', this.#dayFirstEvidence)
        : decided('month_first', 'unambiguous', this.#monthFirstEvidence);
    const { day_first: dayBack, month_first: monthBack } = this.#backwards;
    if (dayBack !== monthBack)
      return dayBack < monthBack
        ? decided('day_first', 'chronology', monthBack)
        : decided('month_first', 'chronology', dayBack);
    return decided(twelveHour ? 'month_first' : 'day_first', 'convention', 0);
  }
}
