import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..', 'src');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('the main entry is browser-safe', () => {
  it('imports no node: module and no server package outside src/node', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles(src)) {
      const path = relative(src, file);
      if (path.startsWith('node/')) continue;
      const text = await readFile(file, 'utf8');
      const imports = [...text.matchAll(/from '([^']+)'/g)].map((match) => match[1]!);
      for (const specifier of imports) {
        if (
          specifier.startsWith('node:') ||
          /^@conn\/(store|services|rest|connectors)/.test(specifier)
        ) {
          offenders.push(`${path}: ${specifier}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
