import type { ArtifactReading } from '@conn/setup-engine';
import { type DateOrder, type DateOrderDecision, headerLocalTime } from './date-order';

/** The reading key under which an import may override a WhatsApp export's date order. */
export const dateOrderReadingKey = 'date_order';

const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

function lines(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'line' : 'lines'}`;
}

/**
 * The date-order guess as the owner sees it in the validation evidence
 * (`Read 03/12/24 as 3 December 2024 — 214 lines decide it.`), with the
 * other reading to pick instead. Null when no date of the file reads
 * differently either way (year-first dates, or every day past the 12th): then
 * there is nothing to choose.
 *
 * @example
 * dateOrderReading(detector.result())?.summary; // 'Read 03/12/24 as 3 December 2024 — 214 lines decide it.'
 */
export function dateOrderReading(decision: DateOrderDecision): ArtifactReading | null {
  const { example, order } = decision;
  if (example === null || order === 'year_first') return null;
  const label = (reading: DateOrder) => {
    const time = headerLocalTime(example, reading);
    return time === null ? null : longDate.format(new Date(`${time}Z`));
  };
  const dayFirst = label('day_first');
  const monthFirst = label('month_first');
  if (dayFirst === null || monthFirst === null) return null;
  const chosen = order === 'day_first' ? dayFirst : monthFirst;
  const why =
    decision.source === 'unambiguous'
      ? `${lines(decision.deciding)} ${decision.deciding === 1 ? 'decides' : 'decide'} it`
      : decision.source === 'chronology'
        ? `read the other way, ${lines(decision.deciding)} would go back in time`
        : `no date in the file decides it, and phones with a ${decision.twelveHour ? '12' : '24'}-hour clock usually put the ${order === 'day_first' ? 'day' : 'month'} first`;
  return {
    key: dateOrderReadingKey,
    summary: `Read ${example.dateText} as ${chosen} — ${why}.`,
    chosen: order,
    options: [
      { value: 'day_first', label: `Day first (${example.dateText} is ${dayFirst})` },
      { value: 'month_first', label: `Month first (${example.dateText} is ${monthFirst})` },
    ],
  };
}

/**
 * The date order the owner picked at import, if the picks name a valid one.
 *
 * @example
 * pickedDateOrder({ date_order: 'month_first' }); // 'month_first'
 */
export function pickedDateOrder(
  readings: Readonly<Record<string, string>> | undefined,
): 'day_first' | 'month_first' | null {
  const picked = readings?.[dateOrderReadingKey];
  return picked === 'day_first' || picked === 'month_first' ? picked : null;
}
