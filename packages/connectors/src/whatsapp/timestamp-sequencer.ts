// Keys older than this behind the newest time are forgotten: a clock change repeats at most an hour.
const windowMilliseconds = 24 * 60 * 60 * 1000;

/**
 * Numbers messages that share a timestamp (exports have minute or second
 * precision, so bursts share one): 0 for the first at a time, 1 for the next.
 * Times seen again after a clock change keep counting, so no two messages of
 * one export get the same number. Memory is bounded to a day of timestamps.
 *
 * @example
 * const sequence = new TimestampSequencer();
 * sequence.next('2023-12-31T21:41:00'); // 0
 * sequence.next('2023-12-31T21:41:00'); // 1
 */
export class TimestampSequencer {
  readonly #seen = new Map<string, number>();
  #newest = '';

  next(time: string): number {
    const sequence = this.#seen.get(time) ?? 0;
    this.#seen.set(time, sequence + 1);
    if (time > this.#newest) this.#newest = time;
    if (this.#seen.size > 10_000) this.#forgetOlderThanWindow();
    return sequence;
  }

  #forgetOlderThanWindow(): void {
    const cutoff = new Date(Date.parse(`${this.#newest}Z`) - windowMilliseconds)
      .toISOString()
      .slice(0, 19);
    for (const time of this.#seen.keys()) if (time < cutoff) this.#seen.delete(time);
  }
}
