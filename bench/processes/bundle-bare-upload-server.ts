import { join } from 'node:path';
import { build } from 'tsup';

/**
 * Bundles `bare-upload-server.ts` into one ESM file under `processes/dist/`,
 * so the benchmark's baseline runs as plain JavaScript under plain `node`,
 * like the built conn-server it is compared with. Resolves with the bundle's path.
 *
 * @example
 * const script = await bundleBareUploadServer();
 * spawn(process.execPath, [script, dataDir]);
 */
export async function bundleBareUploadServer(): Promise<string> {
  const outDir = join(import.meta.dirname, 'dist');
  await build({
    entry: { 'bare-upload-server': join(import.meta.dirname, 'bare-upload-server.ts') },
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
  });
  return join(outDir, 'bare-upload-server.js');
}
