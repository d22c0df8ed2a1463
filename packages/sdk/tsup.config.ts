import { defineConfig } from 'tsup';

// Two entries: the browser-safe main entry and the Node-only `@conn/sdk/node`.
export default defineConfig({
  entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node22',
});
