import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { z } from 'zod';

/**
 * A JSON file only its owner can read (mode 0600, in a 0700 directory),
 * written atomically: a temporary file with the final mode is renamed over
 * the old one, so a crash never leaves half a file and the content is never
 * readable by others, not even for a moment.
 *
 * @example
 * const file = new PrivateJsonFile('/home/me/.config/conn/sessions.json', SessionsSchema, { sessions: {} });
 * await file.write({ sessions: { 'http://127.0.0.1:7777': { token, saved_at } } });
 */
export class PrivateJsonFile<S extends z.ZodType> {
  readonly path: string;
  readonly #schema: S;
  readonly #empty: z.output<S>;

  constructor(path: string, schema: S, empty: z.output<S>) {
    this.path = path;
    this.#schema = schema;
    this.#empty = empty;
  }

  /** The stored value, or the empty value when there is no file yet. A damaged file is an error, not a reset. */
  async read(): Promise<z.output<S>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.#empty;
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`${this.path} is not valid JSON; fix or delete it.`);
    }
    const parsed = this.#schema.safeParse(json);
    if (!parsed.success)
      throw new Error(`${this.path} is not a conn file this CLI can read; fix or delete it.`);
    return parsed.data;
  }

  async write(value: z.output<S>): Promise<void> {
    const directory = dirname(this.path);
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const temporary = join(directory, `.${randomBytes(6).toString('hex')}.tmp`);
    try {
      // Created 0600 (a umask can only narrow it), so the content is never readable by others.
      await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, {
        mode: 0o600,
        flag: 'wx',
      });
      await rename(temporary, this.path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async remove(): Promise<void> {
    await rm(this.path, { force: true });
  }
}
