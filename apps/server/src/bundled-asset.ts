import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where a file another workspace package builds is found at run time: copied
 * beside the built server (`dist/<bundled>`, which is what the published
 * package ships, since `@conn/console` and the served CLI tarball are not
 * published on their own), else in that package's folder in the workspace
 * (running from source).
 *
 * @example
 * bundledAsset('console/', '@conn/console', 'dist/'); // '/…/node_modules/@conn/server/dist/console/'
 */
export function bundledAsset(bundled: string, workspacePackage: string, relative: string): string {
  const beside = fileURLToPath(new URL(bundled, import.meta.url));
  if (existsSync(beside)) return beside;
  try {
    return fileURLToPath(
      new URL(relative, import.meta.resolve(`${workspacePackage}/package.json`)),
    );
  } catch {
    // Neither: the callers answer with their "built without it" page or error.
    return beside;
  }
}
