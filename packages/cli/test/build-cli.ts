import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Builds `conn` as it is published (tsup output over its workspace
 * dependencies' built dist) once, before any CLI test runs it: the tests
 * that launch the built binary must not each build it, side by side.
 */
export default function buildCli(): void {
  execFileSync(
    'pnpm',
    ['turbo', 'run', 'build', '--filter=@conn/cli...', '--output-logs=errors-only'],
    {
      cwd: join(import.meta.dirname, '../../..'),
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
      stdio: 'inherit',
    },
  );
}
