import { execFile } from 'node:child_process';
import { ConnError } from '@conn/setup-engine';

/** The service managers `conn collector install` drives. */
export type ServiceManagerCommand = 'systemctl' | 'launchctl';

/**
 * Runs `systemctl` or `launchctl` as found on PATH — the one place the
 * collector service commands reach the system's service manager. A failure
 * is a `ConnError` that names the command and what it printed.
 *
 * @example
 * await runServiceManager('systemctl', ['--user', 'daemon-reload'], process.env);
 */
export function runServiceManager(
  command: ServiceManagerCommand,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { env: { ...env }, timeout: 30_000 }, (error, _stdout, stderr) => {
      if (error === null) return resolve();
      const said = String(stderr).trim().split('\n')[0] ?? '';
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      reject(
        new ConnError(
          'invalid_request',
          missing
            ? `${command} was not found on this device, so the collector service could not be enabled.`
            : `${command} ${args.join(' ')} failed${said === '' ? '' : `: ${said}`}`,
        ),
      );
    });
  });
}
