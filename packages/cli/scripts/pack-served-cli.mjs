#!/usr/bin/env node
// Builds the CLI a conn server serves at /cli/conn-cli.tgz: one ESM file with every
// dependency bundled in, packed as an npm tarball with no dependencies, so
// `npx -y <origin>/cli/conn-cli.tgz …` works on a fresh device without the registry.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

const cliRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const packagesRoot = join(cliRoot, '..');
const outDir = join(cliRoot, 'dist-served');
const tarball = join(outDir, 'conn-cli.tgz');

/** The newest source file the bundle is made from (the CLI and the workspace packages it bundles). */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('dist')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const pkg of ['cli', 'sdk', 'setup-engine', 'connectors'])
    walk(join(packagesRoot, pkg, 'src'));
  walk(join(cliRoot, 'scripts'));
  return Math.max(newest, statSync(join(cliRoot, 'package.json')).mtimeMs);
}

let fresh = false;
try {
  fresh = statSync(tarball).mtimeMs >= newestSource();
} catch {}
if (fresh && !process.argv.includes('--force')) process.exit(0);

const { version } = JSON.parse(readFileSync(join(cliRoot, 'package.json'), 'utf8'));
const staging = join(outDir, 'package');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
await build({
  entry: { conn: join(cliRoot, 'src/conn.ts') },
  outDir: staging,
  format: ['esm'],
  platform: 'node',
  target: 'node22',
  dts: false,
  sourcemap: false,
  splitting: false,
  clean: false,
  silent: true,
  noExternal: [/.*/],
  esbuildOptions(options) {
    options.conditions = ['@conn/source'];
  },
  // Bundled CommonJS dependencies still call `require` for Node's own modules.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __connRequire } from 'node:module';\nconst require = __connRequire(import.meta.url);",
  },
});
writeFileSync(
  join(staging, 'package.json'),
  `${JSON.stringify(
    {
      name: '@conn/cli',
      version,
      description: 'conn — the command line for a conn server, as that server serves it.',
      license: 'MIT',
      type: 'module',
      engines: { node: '>=22.12' },
      bin: { conn: './conn.js' },
    },
    null,
    2,
  )}\n`,
);
execFileSync('tar', ['-czf', tarball, '-C', outDir, 'package']);
rmSync(staging, { recursive: true, force: true });
console.log(`served CLI: ${tarball} (${statSync(tarball).size} bytes)`);
