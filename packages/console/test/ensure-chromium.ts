import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The system Chromium the end-to-end tests drive (Debian's package; never a browser download). */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Installs Debian's `chromium` with apt-get when it is missing, so a fresh
 * machine or CI runs the browser tests without a separate step.
 */
export function ensureChromium(): void {
  if (existsSync(chromiumPath)) return;
  const install = () =>
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  try {
    install();
  } catch {
    // A machine that never read the package lists cannot find the package yet.
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    install();
  }
  if (!existsSync(chromiumPath)) throw new Error(`apt-get did not install ${chromiumPath}.`);
}
