import { resolve } from 'node:path';
import envPaths from 'env-paths';

/**
 * Where the CLI keeps its files: `CONN_CONFIG_DIR` when set (tests, several
 * profiles), else the platform's config folder for `conn` from env-paths
 * (`$XDG_CONFIG_HOME/conn` or `~/.config/conn` on Linux,
 * `~/Library/Preferences/conn` on macOS, `%APPDATA%\conn\Config` on Windows).
 *
 * @example
 * configDir(process.env); // '/home/me/.config/conn' on Linux
 */
export function configDir(env: Readonly<Record<string, string | undefined>>): string {
  const explicit = env.CONN_CONFIG_DIR?.trim();
  if (explicit) return resolve(explicit);
  return envPaths('conn', { suffix: '' }).config;
}
