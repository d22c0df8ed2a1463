import { readFileSync, writeFileSync } from 'node:fs';

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match?.[1] === undefined ? null : Number(match[1]) * 1024;
  } catch {
    return null;
  }
}

/**
 * The peak resident memory of another process over a stretch of work, read
 * from Linux's /proc: the kernel's high-water mark (`VmHWM`, reset at `start`
 * through `clear_refs`) when the reset is allowed, and in any case the highest
 * `VmRSS` sampled every 20 ms.
 *
 * @example
 * const peak = new ProcessPeakRss(child.pid).start();
 * await work();
 * const bytes = peak.stop();
 */
export class ProcessPeakRss {
  readonly #pid: number;
  #sampled = 0;
  #timer: NodeJS.Timeout | null = null;
  #watermarkReset = false;

  constructor(pid: number) {
    this.#pid = pid;
  }

  /** Resets the high-water mark and starts sampling. */
  start(): this {
    try {
      writeFileSync(`/proc/${this.#pid}/clear_refs`, '5');
      this.#watermarkReset = true;
    } catch {
      this.#watermarkReset = false;
    }
    this.#sampled = statusField(this.#pid, 'VmRSS') ?? 0;
    this.#timer = setInterval(() => {
      this.#sampled = Math.max(this.#sampled, statusField(this.#pid, 'VmRSS') ?? 0);
    }, 20);
    return this;
  }

  /** Stops sampling and returns the peak in bytes. */
  stop(): number {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.#sampled = Math.max(this.#sampled, statusField(this.#pid, 'VmRSS') ?? 0);
    const watermark = this.#watermarkReset ? (statusField(this.#pid, 'VmHWM') ?? 0) : 0;
    return Math.max(this.#sampled, watermark);
  }

  /** Whether the kernel's high-water mark could be reset (else the figure is sampled only). */
  get usesWatermark(): boolean {
    return this.#watermarkReset;
  }
}
