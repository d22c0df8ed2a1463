import type { Readable, Writable } from 'node:stream';
import { ConnClient } from '@conn/sdk';
import { ConnError } from '@conn/setup-engine';
import { configDir } from './config/config-dir';
import { EnrollmentStore } from './config/enrollment-store';
import { SessionStore } from './config/session-store';
import { InterruptedError } from './interrupted-error';
import { Output, type OutputStream } from './output';
import { Prompter } from './prompter';
import { StdinLines } from './stdin-lines';

/** The process the CLI runs in: environment and standard streams (injectable for tests). */
export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & OutputStream;
  stderr: Writable & OutputStream;
}

/** The server used when neither `--server` nor `CONN_SERVER` names one. */
export const defaultServer = 'http://127.0.0.1:7777';

/** Where a command's token came from, so an auth failure can say what to do. */
export type TokenSource = 'env' | 'session' | 'none';

/**
 * What every command needs: the server, the config dir's stores, output,
 * prompts, and clients authenticated the way the command requires.
 * Reads use `CONN_TOKEN` (an owner-agent token) first and the saved owner
 * session second; owner-only steps (credentials, uploads, tokens) prefer the
 * owner session.
 *
 * @example
 * const context = new CliContext(io, { server: options.server });
 * const plan = await (await context.client()).plan(key);
 */
export class CliContext {
  readonly io: CliIo;
  readonly out: Output;
  /** The server's base URL, normalized (no trailing slash): also the key of its saved session. */
  readonly server: string;
  /** True when the server came from `--server` or `CONN_SERVER` rather than the default. */
  readonly serverChosen: boolean;
  readonly sessions: SessionStore;
  readonly enrollments: EnrollmentStore;
  tokenSource: TokenSource = 'none';
  readonly #interrupt = new AbortController();
  #stdinLines: StdinLines | null = null;

  constructor(io: CliIo, options: { server?: string | undefined }) {
    this.io = io;
    this.out = new Output(io.stdout, io.stderr);
    const chosen = options.server ?? io.env.CONN_SERVER;
    this.serverChosen = chosen !== undefined && chosen !== '';
    this.server = normalizeServer(this.serverChosen ? (chosen as string) : defaultServer);
    const directory = configDir(io.env);
    this.sessions = new SessionStore(directory);
    this.enrollments = new EnrollmentStore(directory);
  }

  /** Aborted when the owner presses Ctrl-C: waits and collector loops stop at once. */
  get signal(): AbortSignal {
    return this.#interrupt.signal;
  }

  /** Stops whatever the command waits for (wired to SIGINT by the entry point). */
  interrupt(): void {
    this.#interrupt.abort(new InterruptedError());
  }

  /** A client that sends no token (login, collector enrollment). */
  anonymous(): ConnClient {
    return new ConnClient({ baseUrl: this.server });
  }

  /** A client for reads and intents: `CONN_TOKEN`, else the saved owner session. */
  async client(): Promise<ConnClient> {
    const fromEnv = this.#envToken();
    if (fromEnv !== null) return this.#withToken(fromEnv, 'env');
    const session = await this.sessions.token(this.server);
    if (session !== null) return this.#withToken(session, 'session');
    throw this.#notLoggedIn();
  }

  /** A client for owner-only steps: the saved owner session, else `CONN_TOKEN` (the server decides). */
  async ownerClient(): Promise<ConnClient> {
    const session = await this.sessions.token(this.server);
    if (session !== null) return this.#withToken(session, 'session');
    const fromEnv = this.#envToken();
    if (fromEnv !== null) return this.#withToken(fromEnv, 'env');
    throw this.#notLoggedIn();
  }

  /** Standard input as lines, shared by every read in this process. */
  stdinLines(): StdinLines {
    this.#stdinLines ??= new StdinLines(this.io.stdin);
    return this.#stdinLines;
  }

  /** Prompts on a terminal; `--field` values and `--secret-stdin` lines for scripts. */
  prompter(
    options: { fieldValues?: Record<string, string>; secretStdin?: boolean } = {},
  ): Prompter {
    return new Prompter({
      interactive: this.io.stdin.isTTY === true,
      input: this.io.stdin,
      // Prompts belong on the terminal; when stdout is piped they go to stderr instead.
      output: this.io.stdout.isTTY === true ? this.io.stdout : this.io.stderr,
      fieldValues: options.fieldValues ?? {},
      secretLines: options.secretStdin === true ? this.stdinLines() : null,
    });
  }

  /** Releases stdin so the process can exit. */
  close(): void {
    this.#stdinLines?.close();
  }

  #envToken(): string | null {
    const token = this.io.env.CONN_TOKEN?.trim();
    return token === undefined || token === '' ? null : token;
  }

  #withToken(token: string, source: TokenSource): ConnClient {
    this.tokenSource = source;
    return new ConnClient({ baseUrl: this.server, token });
  }

  #notLoggedIn(): ConnError {
    return new ConnError(
      'unauthenticated',
      `Not logged in to ${this.server}: run conn login, or set CONN_TOKEN to an owner-agent token.`,
    );
  }
}

/**
 * A server URL as the CLI keys sessions by it: origin plus path, without a
 * trailing slash. Refuses anything but http(s).
 *
 * @example
 * normalizeServer('http://127.0.0.1:7777/'); // 'http://127.0.0.1:7777'
 */
export function normalizeServer(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConnError('invalid_request', 'The server URL must start with http:// or https://.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConnError('invalid_request', 'The server URL must start with http:// or https://.');
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
