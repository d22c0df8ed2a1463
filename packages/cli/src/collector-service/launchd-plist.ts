import type { CollectorServiceSpec } from './collector-service-spec';

/**
 * The launchd agent that runs a collector every interval (`StartInterval`)
 * and once when it is loaded, as a property list.
 *
 * @example
 * await writeFile(plistPath, launchdPlist('dev.conn.collector.claude-code', spec));
 */
export function launchdPlist(label: string, spec: CollectorServiceSpec): string {
  const strings = (values: readonly string[], indent: string) =>
    values.map((value) => `${indent}<string>${xml(value)}</string>\n`).join('');
  const environment = Object.entries(spec.environment)
    .map(([name, value]) => `\t\t<key>${xml(name)}</key>\n\t\t<string>${xml(value)}</string>\n`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n' +
    '<plist version="1.0">\n' +
    '<dict>\n' +
    `\t<key>Label</key>\n\t<string>${xml(label)}</string>\n` +
    `\t<key>ProgramArguments</key>\n\t<array>\n${strings(spec.argv, '\t\t')}\t</array>\n` +
    `\t<key>EnvironmentVariables</key>\n\t<dict>\n${environment}\t</dict>\n` +
    `\t<key>StartInterval</key>\n\t<integer>${spec.intervalMinutes * 60}</integer>\n` +
    '\t<key>RunAtLoad</key>\n\t<true/>\n' +
    '</dict>\n' +
    '</plist>\n'
  );
}

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
