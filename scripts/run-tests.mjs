#!/usr/bin/env node
// Runs the whole vitest suite once (every package is a vitest project) and ends
// with the plain line CI reads: "N passed, N failed". Exit code is vitest's.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reportDir = join(root, 'reports');
const report = join(reportDir, 'vitest.json');
mkdirSync(reportDir, { recursive: true });
rmSync(report, { force: true });

// Debian packages the suites run for real: Chromium (console journeys) and
// Dovecot (Gmail over IMAP). Installed here, once and one after the other, when
// missing; test files starting in parallel would otherwise wait on apt's locks.
// Each suite's own harness still installs its package when run alone.
const debianPackages = [
  ['/usr/bin/chromium', 'chromium'],
  ['/usr/sbin/dovecot', 'dovecot-imapd'],
];
const missing = debianPackages.filter(([binary]) => !existsSync(binary)).map(([, name]) => name);
if (missing.length > 0 && process.platform === 'linux') {
  console.log(`Installing the Debian packages the tests run: ${missing.join(', ')}`);
  const apt = (args) =>
    spawnSync('apt-get', args, {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status;
  const install = ['install', '-y', '-q', '--no-install-recommends', ...missing];
  // A machine that never read the package lists cannot find the packages yet.
  if (apt(install) !== 0 && (apt(['update', '-q']) !== 0 || apt(install) !== 0)) {
    console.log('apt-get could not install them; the suites that need them will say so.');
  }
}

const vitest = spawnSync(
  'pnpm',
  [
    'exec',
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  },
);

let passed = 0;
let failed = 0;
try {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed = result.numPassedTests;
  failed = result.numFailedTests;
  // A suite that fails to load reports no failed test; count it so it cannot pass silently.
  const brokenFiles = result.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  );
  failed += brokenFiles.length;
} catch {
  failed += 1;
  console.error('The vitest JSON report is missing: the run did not complete.');
}
const code = vitest.status ?? 1;
if (code !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(code !== 0 || failed > 0 ? 1 : 0);
