import { formatBytes } from '@conn/sdk';
import type { OutputStream } from '../output';

const width = 24;
/** Redraws at most this often, except the first and the last drawing. */
const minRedrawMs = 100;

/**
 * A one-line byte progress bar for a terminal, redrawn in place as bytes go
 * out: `Uploading chat.zip [#########---------------]  38%  1.2 MB of 3.1 MB`.
 * Drawn on every call the upload makes (throttled), so even a one-chunk file
 * shows its bar; only used when stdout is a terminal.
 *
 * @example
 * const bar = new ProgressBar(process.stdout, 'Uploading chat.zip', size);
 * await uploadFile(owner, key, path, { onProgress: ({ bytesSent }) => bar.update(bytesSent) });
 * bar.finish('Uploaded chat.zip');
 */
export class ProgressBar {
  readonly #stream: OutputStream;
  readonly #label: string;
  readonly #total: number;
  #drawnAt = 0;
  #sent = 0;

  constructor(stream: OutputStream, label: string, total: number) {
    this.#stream = stream;
    this.#label = label;
    this.#total = total;
    this.#draw();
  }

  update(sent: number): void {
    this.#sent = sent;
    if (sent >= this.#total || Date.now() - this.#drawnAt >= minRedrawMs) this.#draw();
  }

  /** Replaces the bar with a closing line. */
  finish(text: string): void {
    this.#draw();
    this.#stream.write(`\r\x1b[2K${text}\n`);
  }

  #draw(): void {
    this.#drawnAt = Date.now();
    const ratio = this.#total === 0 ? 1 : Math.min(1, this.#sent / this.#total);
    const filled = Math.round(ratio * width);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
    const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
    const amounts = `${formatBytes(this.#sent)} of ${formatBytes(this.#total)}`;
    this.#stream.write(`\r\x1b[2K${this.#label} [${bar}] ${percent}  ${amounts}`);
  }
}
