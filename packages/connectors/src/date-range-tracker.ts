/**
 * Tracks the earliest and latest of a stream of ISO 8601 times written in one
 * shape (all `…Z`, or all zone-less local times), which compare correctly as
 * strings. Holds two strings, whatever the number of records.
 *
 * @example
 * const range = new DateRangeTracker();
 * range.observe('2024-01-02T10:00:00.000Z');
 * range.range(); // { from: '2024-01-02T10:00:00.000Z', to: '2024-01-02T10:00:00.000Z' }
 */
export class DateRangeTracker {
  #from: string | null = null;
  #to: string | null = null;

  /** Widens the range to include `time`; null is ignored. */
  observe(time: string | null | undefined): void {
    if (time === null || time === undefined) return;
    if (this.#from === null || time < this.#from) this.#from = time;
    if (this.#to === null || time > this.#to) this.#to = time;
  }

  /** Widens the range to include another tracker's range. */
  merge(other: DateRangeTracker): void {
    const range = other.range();
    if (range === null) return;
    this.observe(range.from);
    this.observe(range.to);
  }

  /** The range so far, or null when nothing dated was observed. */
  range(): { from: string; to: string } | null {
    return this.#from === null || this.#to === null ? null : { from: this.#from, to: this.#to };
  }
}
