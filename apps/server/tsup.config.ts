import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/main.ts', 'src/index.ts'],
  format: ['esm'],
  clean: true,
  sourcemap: true,
  target: 'node22',
});
