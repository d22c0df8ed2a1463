import { defineProject } from 'vitest/config';

/** Shared per-package vitest settings: resolve `@conn/*` to sources, loopback-only tests. */
export function connProject(
  name: string,
  overrides: { testTimeout?: number; globalSetup?: string[] } = {},
) {
  return defineProject({
    resolve: { conditions: ['@conn/source'] },
    ssr: { resolve: { conditions: ['@conn/source'], externalConditions: ['@conn/source'] } },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: overrides.testTimeout ?? 15_000,
      ...(overrides.globalSetup === undefined ? {} : { globalSetup: overrides.globalSetup }),
    },
  });
}
