import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * Reads standard input one line at a time, on demand, for scripted input
 * (`--password-stdin`, `--secret-stdin`). Each call takes the next line, so a
 * script can pipe a second secret for the attempt after a rejected one.
 *
 * @example
 * const lines = new StdinLines(process.stdin);
 * const password = await lines.next(); // null at the end of input
 */
export class StdinLines {
  readonly #input: Readable;
  #lines: AsyncIterator<string> | null = null;

  constructor(input: Readable) {
    this.#input = input;
  }

  async next(): Promise<string | null> {
    this.#lines ??= createInterface({ input: this.#input, terminal: false })[
      Symbol.asyncIterator
    ]();
    const { value, done } = await this.#lines.next();
    if (done === true) return null;
    // A Windows line ending leaves a carriage return that is never part of a secret.
    return value.replace(/\r$/, '');
  }

  /** Stops reading so the process can exit while input stays open. */
  close(): void {
    void this.#lines?.return?.();
  }
}
