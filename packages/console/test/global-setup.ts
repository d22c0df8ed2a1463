import { join } from 'node:path';
import { build } from 'vite';
import { ensureChromium } from './ensure-chromium';

/** Before the console suite: the system Chromium is there and the console is freshly built. */
export default async function setup(): Promise<void> {
  ensureChromium();
  const root = join(import.meta.dirname, '..');
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}
