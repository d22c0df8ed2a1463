import { describe, expect, it } from 'vitest';
import { parseChatLine } from '../../src/whatsapp/chat-line';
import { DateOrderDetector } from '../../src/whatsapp/date-order';
import { dateOrderReading, pickedDateOrder } from '../../src/whatsapp/date-order-reading';

function readingOf(...lines: string[]) {
  const detector = new DateOrderDetector();
  for (const line of lines) {
    const header = parseChatLine(line);
    if (header !== null) detector.observe(header);
  }
  return dateOrderReading(detector.result());
}

describe('dateOrderReading', () => {
  it('names the first date that reads two ways, both readings and why one was taken', () => {
    expect(readingOf('3/12/24, 9:00 AM - Ana: hi', '3/13/24, 9:00 AM - Ana: later')).toEqual({
      key: 'date_order',
      summary: 'Read 3/12/24 as 12 March 2024 — 1 line decides it.',
      chosen: 'month_first',
      options: [
        { value: 'day_first', label: 'Day first (3/12/24 is 3 December 2024)' },
        { value: 'month_first', label: 'Month first (3/12/24 is 12 March 2024)' },
      ],
    });
  });

  it("says when only the clock's convention decided", () => {
    expect(readingOf('3/4/24, 9:00 PM - Ana: hi')?.summary).toBe(
      'Read 3/4/24 as 4 March 2024 — no date in the file decides it, and phones with a 12-hour clock usually put the month first.',
    );
  });

  it('offers nothing when every date reads one way only', () => {
    expect(readingOf('2024-03-04, 21:00 - Ana: hi')).toBeNull();
    expect(readingOf('13/12/24, 21:00 - Ana: hi', '5/5/24, 21:00 - Ana: hi')).toBeNull();
  });

  it('takes only a day or month order as a pick', () => {
    expect(pickedDateOrder({ date_order: 'day_first' })).toBe('day_first');
    expect(pickedDateOrder({ date_order: 'year_first' })).toBeNull();
    expect(pickedDateOrder(undefined)).toBeNull();
  });
});
