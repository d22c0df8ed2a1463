import type { CollectorServiceSpec } from './collector-service-spec';

/**
 * The systemd user service and timer that run a collector every interval:
 * a oneshot service with the exact command, and a timer that fires a minute
 * after it is enabled (and after boot), then every interval after each run.
 *
 * @example
 * const { service, timer } = systemdUnits(spec);
 */
export function systemdUnits(spec: CollectorServiceSpec): { service: string; timer: string } {
  const environment = Object.entries(spec.environment).map(
    ([name, value]) => `Environment=${quote(`${name}=${value}`)}\n`,
  );
  const service =
    '[Unit]\n' +
    `Description=conn collector ${spec.collector}: sends ${spec.label} data from this device\n` +
    '\n[Service]\n' +
    'Type=oneshot\n' +
    environment.join('') +
    `ExecStart=${spec.argv.map(quote).join(' ')}\n`;
  const timer =
    '[Unit]\n' +
    `Description=Run conn collector ${spec.collector} every ${spec.intervalMinutes} minutes\n` +
    '\n[Timer]\n' +
    'OnActiveSec=1min\n' +
    'OnBootSec=1min\n' +
    `OnUnitActiveSec=${spec.intervalMinutes}min\n` +
    '\n[Install]\n' +
    'WantedBy=timers.target\n';
  return { service, timer };
}

/** One systemd word, double-quoted: backslash and quote escaped, `%` and `$` doubled (no specifiers, no variables). */
function quote(word: string): string {
  const escaped = word
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/%/g, '%%')
    .replace(/\$/g, '$$$$');
  return `"${escaped}"`;
}
