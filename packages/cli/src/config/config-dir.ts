import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where the CLI keeps its files: `CONN_CONFIG_DIR` when set (tests, several
 * profiles), else `$XDG_CONFIG_HOME/conn`, else `~/.config/conn`.
 *
 * @example
 * configDir({ XDG_CONFIG_HOME: '/home/me/.config' }); // '/home/me/.config/conn'
 */
export function configDir(env: Readonly<Record<string, string | undefined>>): string {
  const explicit = env.CONN_CONFIG_DIR?.trim();
  if (explicit) return resolve(explicit);
  const xdg = env.XDG_CONFIG_HOME?.trim();
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  if (xdg?.startsWith('/')) return join(xdg, 'conn');
  return join(homedir(), '.config', 'conn');
}
