import { defineConfig } from 'vitest/config';

/**
 * One vitest run over every package and app, so CI sums a single JSON report.
 * Each project resolves workspace packages to their TypeScript sources through
 * the `@conn/source` export condition; nothing needs building before a test.
 */
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'docs/examples/*'],
  },
});
