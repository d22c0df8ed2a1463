import { styleText } from 'node:util';

/** A writable terminal-or-pipe stream, as `process.stdout` is. */
export interface OutputStream {
  write(text: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

type Style = Parameters<typeof styleText>[0];

/**
 * Where the CLI writes: results to stdout, the one-line failure reason to
 * stderr. Colour, live progress and redrawing happen only when stdout is a
 * terminal (and `NO_COLOR` is unset), so pipes and `--json` get plain text.
 *
 * @example
 * const out = new Output(process.stdout, process.stderr);
 * out.line(out.style('bold', 'GitHub'));
 * out.json(plan); // exactly the REST body
 */
export class Output {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;

  constructor(stdout: OutputStream, stderr: OutputStream) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** True when stdout is a terminal: colour, spinners and progress bars are allowed. */
  get tty(): boolean {
    return this.stdout.isTTY === true;
  }

  line(text = ''): void {
    this.stdout.write(`${text}\n`);
  }

  lines(texts: readonly string[]): void {
    for (const text of texts) this.line(text);
  }

  /** Prints a REST body as one line of JSON, keys in the order the server sent them. */
  json(value: unknown): void {
    this.stdout.write(`${JSON.stringify(value)}\n`);
  }

  /** The single line a failed command leaves on stderr. */
  fail(text: string): void {
    this.stderr.write(`${text.replace(/\s*\n\s*/g, ' ').trim()}\n`);
  }

  /** Styles text for stdout; plain when stdout is not a terminal or colour is turned off. */
  style(format: Style, text: string): string {
    if (!this.tty) return text;
    return styleText(format, text, { stream: this.stdout as NodeJS.WriteStream });
  }
}
