// Relative: the config is bundled by Vite before workspace conditions apply.

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { consoleBasePath } from '../setup-engine/src/console-paths.ts';

// Workspace packages resolve to their TypeScript sources (the `@conn/source`
// condition), so the console builds without building the SDK first; only the
// SDK's browser-safe root entry is imported.
export default defineConfig({
  base: `${consoleBasePath}/`,
  plugins: [react()],
  resolve: { conditions: ['@conn/source', 'browser', 'module', 'import', 'default'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No inline module-preload polyfill or script: the CSP forbids inline script.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
