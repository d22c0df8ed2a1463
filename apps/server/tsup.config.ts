import { existsSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import { defineConfig } from 'tsup';

// Built by their own packages (turbo builds them first), shipped inside this
// one: neither the console nor the served CLI tarball is published on its own.
const bundled = [
  { from: 'node_modules/@conn/console/dist', to: 'dist/console' },
  { from: 'node_modules/@conn/cli/dist-served/conn-cli.tgz', to: 'dist/cli/conn-cli.tgz' },
];

export default defineConfig({
  entry: ['src/main.ts', 'src/index.ts'],
  format: ['esm'],
  clean: true,
  sourcemap: true,
  dts: { entry: 'src/index.ts' },
  target: 'node22',
  async onSuccess() {
    await mkdir('dist/cli', { recursive: true });
    for (const { from, to } of bundled) {
      if (existsSync(from)) await cp(from, to, { recursive: true, dereference: true });
    }
  },
});
