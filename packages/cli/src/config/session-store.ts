import { join } from 'node:path';
import { z } from 'zod';
import { PrivateJsonFile } from './private-json-file';

// drift-allow request_shape: the CLI's own config file on the device, not a REST shape.
const SessionsFileSchema = z.object({
  // drift-allow request_shape: an entry of the same config file.
  sessions: z.record(z.string(), z.object({ token: z.string().min(1), saved_at: z.string() })),
});

/**
 * Owner session tokens from `conn login`, one per server URL, in
 * `<config dir>/sessions.json` (mode 0600). The token is the only secret the
 * file holds; the owner password is never written anywhere.
 *
 * @example
 * const sessions = new SessionStore(configDir(process.env));
 * await sessions.save('http://127.0.0.1:7777', token);
 * await sessions.token('http://127.0.0.1:7777'); // 'cos_…'
 */
export class SessionStore {
  readonly #file: PrivateJsonFile<typeof SessionsFileSchema>;

  constructor(directory: string) {
    this.#file = new PrivateJsonFile(join(directory, 'sessions.json'), SessionsFileSchema, {
      sessions: {},
    });
  }

  /** The file's path (for messages and tests). */
  get path(): string {
    return this.#file.path;
  }

  /** The saved session token for this server, or null. */
  async token(server: string): Promise<string | null> {
    const { sessions } = await this.#file.read();
    return sessions[server]?.token ?? null;
  }

  async save(server: string, token: string): Promise<void> {
    const { sessions } = await this.#file.read();
    await this.#file.write({
      sessions: { ...sessions, [server]: { token, saved_at: new Date().toISOString() } },
    });
  }

  /** Forgets this server's session; deletes the file when no session is left. True when one was saved. */
  async forget(server: string): Promise<boolean> {
    const { sessions } = await this.#file.read();
    if (sessions[server] === undefined) return false;
    const { [server]: _gone, ...rest } = sessions;
    if (Object.keys(rest).length === 0) await this.#file.remove();
    else await this.#file.write({ sessions: rest });
    return true;
  }
}
