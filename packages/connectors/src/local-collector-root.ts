import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { ConnError, type ManifestInput, type Platform } from '@conn/setup-engine';
import type { ConnectionFields } from './implementation';

/** The device a local collector runs on; the defaults are the real process's. */
export interface DeviceEnvironment {
  platform: NodeJS.Platform;
  home: string;
}

const manifestPlatforms: Partial<Record<NodeJS.Platform, Platform>> = {
  darwin: 'macos',
  linux: 'linux',
  win32: 'windows',
};

/** Expands a leading `~` or `%USERPROFILE%` to the home directory, the way the manifest writes default paths. */
function expandHome(path: string, home: string): string {
  if (path === '~' || path === '%USERPROFILE%') return home;
  const match = /^(?:~|%USERPROFILE%)[\\/](.*)$/.exec(path);
  return match === null ? path : join(home, match[1] ?? '');
}

/**
 * The directory a local collector reads: the connection's `path` field when
 * the owner set one, else the manifest's default path for this device's
 * platform, with `~` (or `%USERPROFILE%`) expanded to the home directory.
 * Throws `invalid_request` when neither gives a path.
 *
 * @example
 * localCollectorRoot({}, claudeCodeManifest); // '/home/dev/.claude/projects'
 * localCollectorRoot({ path: '~/backup/claude' }, claudeCodeManifest); // '/home/dev/backup/claude'
 */
export function localCollectorRoot(
  fields: ConnectionFields,
  manifest: ManifestInput,
  device: DeviceEnvironment = { platform: process.platform, home: homedir() },
): string {
  const entered = fields.path?.trim();
  const platform = manifestPlatforms[device.platform];
  const fallback =
    manifest.setup.modality === 'local_collector' && platform !== undefined
      ? manifest.setup.collector.default_paths?.[platform]
      : undefined;
  const path = entered === undefined || entered === '' ? fallback : entered;
  if (path === undefined) {
    throw new ConnError(
      'invalid_request',
      `${manifest.name} has no default log directory on this platform (${device.platform}); set the path to read.`,
      { field: 'path' },
    );
  }
  const expanded = expandHome(path, device.home);
  return isAbsolute(expanded) ? expanded : resolve(expanded);
}
