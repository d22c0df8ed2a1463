import { createBundledRegistry } from '@conn/connectors';
import { createServices } from '@conn/services';
import { createVault, openStore } from '@conn/store';
import { loadServerConfig } from '../server-config';

/** What `conn-server reset-password` takes; the server's own settings come from `env`. */
export interface ResetPasswordOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** The new password, read from stdin with `--stdin`; null generates a one-time password. */
  password: string | null;
  /** The terminal: the only place a generated password is written. */
  print: (text: string) => void;
}

/** The rule the first-boot password follows, for a password typed at the terminal too. */
const minimumLength = 12;

/** A reset-password refusal the terminal shows as it is (no stack, no secret). */
export class ResetPasswordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResetPasswordError';
  }
}

/**
 * `conn-server reset-password`: for an owner who lost the password. Run on the
 * server's machine with its settings, it sets a new password (a generated
 * one-time password printed to the terminal, or the one read from stdin),
 * ends every owner session and leaves agent and collector tokens alone. The
 * server may keep running: sessions are read from the database.
 *
 * @example
 * await resetOwnerPasswordCommand({ env: process.env, password: null, print: (t) => process.stdout.write(t) });
 */
export async function resetOwnerPasswordCommand(options: ResetPasswordOptions): Promise<void> {
  if (options.password !== null && options.password.length < minimumLength) {
    throw new ResetPasswordError(
      `The new password is too short: use at least ${minimumLength} characters.`,
    );
  }
  const config = loadServerConfig(options.env, options.cwd ?? process.cwd());
  const store = openStore({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await store.migrate();
    // Only the owner row and its sessions are touched: no key, no connector is needed.
    const services = createServices({
      store,
      vault: createVault(null),
      registry: createBundledRegistry(),
      deployment: {
        credential_key_provider: null,
        provider_apps: [],
        public_origin: config.publicOrigin,
      },
    });
    const reset = await services.resetOwnerPassword(options.password).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === 'invalid_request')
        throw new ResetPasswordError((error as Error).message);
      throw error;
    });
    const ended = `${reset.endedSessions} owner session${reset.endedSessions === 1 ? '' : 's'} ended`;
    options.print(
      reset.generatedPassword === null
        ? `The owner password is changed; ${ended}.\n`
        : `The new owner password is ${reset.generatedPassword}\n${ended}. Sign in at ${config.publicOrigin}/console/ and choose your own in Settings.\n`,
    );
  } finally {
    await store.close();
  }
}
