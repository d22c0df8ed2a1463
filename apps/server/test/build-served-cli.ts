import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Builds the tarball the server serves at /cli/conn-cli.tgz (skipped when it is up to date). */
export default function buildServedCli(): void {
  const script = join(import.meta.dirname, '../../../packages/cli/scripts/pack-served-cli.mjs');
  execFileSync(process.execPath, [script], { stdio: 'inherit' });
}
