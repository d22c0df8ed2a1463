import { defineConfig } from 'tsup';

// One executable entry. Workspace packages are bundled in through their sources
// (`@conn/source`), so the published binary does not need them built first.
export default defineConfig({
  entry: { conn: 'src/conn.ts' },
  format: ['esm'],
  dts: false,
  clean: true,
  sourcemap: true,
  target: 'node22',
  banner: { js: '#!/usr/bin/env node' },
});
