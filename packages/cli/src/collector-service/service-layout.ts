import { join } from 'node:path';
import { ConnError } from '@conn/setup-engine';
import type { ServiceManagerCommand } from './run-service-manager';

/** Where a collector's service lives on this system and how it is switched on and off. */
export interface ServiceLayout {
  /** `systemd` (Linux user units) or `launchd` (macOS agents). */
  manager: 'systemd' | 'launchd';
  /** The service's name, for the owner (the timer's unit name, the agent's label). */
  name: string;
  /** Every file the service is made of, with its role. */
  files: { role: 'service' | 'timer' | 'agent'; path: string }[];
  command: ServiceManagerCommand;
  /** Calls after writing the files. */
  enable: string[][];
  /** Calls before removing the files (failures ignored: it may be stopped already). */
  disable: string[][];
  /** Calls after removing the files. */
  afterRemove: string[][];
  /** How the owner checks on it. */
  check: string;
}

/**
 * The service layout of a collector on this platform: a systemd user unit and
 * timer under `$XDG_CONFIG_HOME/systemd/user` (else `~/.config/…`) on Linux,
 * a launchd agent in `~/Library/LaunchAgents` on macOS. Any other platform
 * is refused with what to do instead.
 *
 * @example
 * const layout = serviceLayout(process.platform, process.env, collector);
 */
export function serviceLayout(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  collector: string,
  home: string,
): ServiceLayout {
  if (platform === 'linux') {
    const unit = `conn-collector-${collector}`;
    const directory = join(
      nonEmpty(env.XDG_CONFIG_HOME) ?? join(home, '.config'),
      'systemd',
      'user',
    );
    return {
      manager: 'systemd',
      name: `${unit}.timer`,
      files: [
        { role: 'service', path: join(directory, `${unit}.service`) },
        { role: 'timer', path: join(directory, `${unit}.timer`) },
      ],
      command: 'systemctl',
      enable: [
        ['--user', 'daemon-reload'],
        ['--user', 'enable', '--now', `${unit}.timer`],
      ],
      disable: [['--user', 'disable', '--now', `${unit}.timer`]],
      afterRemove: [['--user', 'daemon-reload']],
      check: `systemctl --user list-timers ${unit}.timer; its output: journalctl --user -u ${unit}.service`,
    };
  }
  if (platform === 'darwin') {
    const label = `dev.conn.collector.${collector}`;
    const path = join(home, 'Library', 'LaunchAgents', `${label}.plist`);
    return {
      manager: 'launchd',
      name: label,
      files: [{ role: 'agent', path }],
      command: 'launchctl',
      enable: [['load', '-w', path]],
      disable: [['unload', '-w', path]],
      afterRemove: [],
      check: `launchctl list ${label}`,
    };
  }
  if (platform === 'win32') {
    throw new ConnError(
      'invalid_request',
      `Running a collector as a service is not supported on Windows yet. Leave conn collector run ${collector} running in a terminal, or schedule conn collector run ${collector} --once with Task Scheduler.`,
    );
  }
  throw new ConnError(
    'invalid_request',
    `Running a collector as a service is supported on Linux (systemd) and macOS (launchd), not on ${platform}. Leave conn collector run ${collector} running in a terminal instead.`,
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
