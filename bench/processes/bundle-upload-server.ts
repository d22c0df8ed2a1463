import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Bundles `upload-server.ts` with every workspace source and library into
 * one ESM file under `processes/dist/` (better-sqlite3, a native addon, stays
 * external and loads from the bench's node_modules), so the benchmark's
 * child process runs plain JavaScript like a built conn-server does. Resolves
 * with the bundle's path.
 *
 * @example
 * const script = await bundleUploadServer();
 * spawn(process.execPath, [script, 'conn', dataDir]);
 */
export async function bundleUploadServer(): Promise<string> {
  const outDir = join(here, 'dist');
  await build({
    entry: { 'upload-server': join(here, 'upload-server.ts') },
    outDir,
    format: ['esm'],
    platform: 'node',
    target: 'node22',
    splitting: false,
    sourcemap: false,
    dts: false,
    clean: true,
    silent: true,
    config: false,
    noExternal: [/^(?!better-sqlite3$|pg-native$)/],
    // Bundled CommonJS libraries call require(); an ES module has none unless it makes one.
    banner: {
      js: "import { createRequire as __connRequire } from 'node:module'; const require = __connRequire(import.meta.url);",
    },
    esbuildOptions(options) {
      options.conditions = ['@conn/source', 'module'];
    },
  });
  return join(outDir, 'upload-server.js');
}
