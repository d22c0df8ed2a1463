import { dirname, join, sep } from 'node:path';

/**
 * The command line a scheduled service uses to start this same `conn`: the
 * absolute node (with the flags it was started with) and script of the running CLI — unless it runs from npx's
 * cache (a fresh device that never installed it, which npx may clear), in
 * which case it is the npx next to this node fetching the CLI the server
 * serves, as the enrollment command did.
 *
 * @example
 * collectorLaunchCommand([process.execPath, ...process.execArgv], process.argv[1], 'https://conn.example.com');
 * // ['/usr/bin/node', '/usr/lib/node_modules/@conn/cli/dist/conn.js']
 */
export function collectorLaunchCommand(
  node: readonly [string, ...string[]],
  scriptPath: string,
  server: string,
): string[] {
  if (scriptPath.split(sep).includes('_npx')) {
    return [join(dirname(node[0]), 'npx'), '-y', `${server}/cli/conn-cli.tgz`];
  }
  return [...node, scriptPath];
}
