import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findDrift } from '../../../scripts/check-drift.mjs';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const script = join(repoRoot, 'scripts', 'check-drift.mjs');

let root: string;

function write(path: string, text: string): void {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

beforeEach(() => {
  // A tree shaped like the repo: the real vocabulary, a two-connector catalog, one clean surface.
  root = mkdtempSync(join(tmpdir(), 'conn-drift-'));
  const vocabulary = 'packages/setup-engine/src/vocabulary.ts';
  mkdirSync(dirname(join(root, vocabulary)), { recursive: true });
  copyFileSync(join(repoRoot, vocabulary), join(root, vocabulary));
  write('packages/connectors/src/github/manifest.ts', "export const key = 'github';\n");
  write('packages/connectors/src/gmail/manifest.ts', "export const key = 'gmail';\n");
  write(
    'packages/rest/src/plan-route.ts',
    [
      "import { type SetupPlan, modalities } from '@conn/setup-engine';",
      'export function stepLabel(plan: SetupPlan): string {',
      '  switch (plan.next_step.kind) {',
      "    case 'capture_static_secret': return 'Enter credential';",
      '    default: return plan.next_step.label;',
      '  }',
      '}',
      "export const docs = 'https://api.github.com';",
      'export const count = modalities.length;',
      '',
    ].join('\n'),
  );
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('findDrift', () => {
  it('finds nothing in a surface that renders from the plan', () => {
    expect(findDrift(root)).toEqual([]);
  });

  it('finds a surface naming a connector key', () => {
    write('packages/rest/src/x.ts', "export const featured = 'github';\n");
    expect(findDrift(root)).toEqual([
      expect.objectContaining({
        file: 'packages/rest/src/x.ts',
        line: 1,
        rule: 'connector_key',
        message: expect.stringContaining('"github"'),
      }),
    ]);
  });

  it('finds a surface keeping its own list of modalities', () => {
    write(
      'apps/server/src/modes.ts',
      "// supported here\nexport const local = ['static_secret', 'local_collector'];\n",
    );
    expect(findDrift(root)).toEqual([
      expect.objectContaining({
        file: 'apps/server/src/modes.ts',
        line: 2,
        rule: 'vocabulary_list',
      }),
    ]);
  });

  it('finds a union type of support states', () => {
    write(
      'packages/console/src/badge.tsx',
      "type Shown = 'supported' | 'proof_gated';\nexport const x: Shown = 'supported';\n",
    );
    expect(findDrift(root).map((f) => f.rule)).toEqual(['vocabulary_list']);
  });

  it('finds an object mapping connectors to modalities', () => {
    write(
      'packages/sdk/src/table.ts',
      "export const table = {\n  github: 'static_secret',\n  gmail: 'static_secret',\n};\n",
    );
    expect(findDrift(root)).toEqual([
      expect.objectContaining({
        file: 'packages/sdk/src/table.ts',
        line: 2,
        rule: 'connector_map',
        message: expect.stringContaining('github, gmail'),
      }),
    ]);
  });

  it('covers a connector added to the catalog without being told', () => {
    write('packages/rest/src/y.ts', "export const next = 'strava';\n");
    expect(findDrift(root)).toEqual([]);
    write('packages/connectors/src/strava/manifest.ts', "export const key = 'strava';\n");
    expect(findDrift(root).map((f) => f.file)).toEqual(['packages/rest/src/y.ts']);
  });

  it('ignores tests, comments, the engine and the catalog itself', () => {
    write('packages/rest/src/x.test.ts', "const key = 'github';\n");
    write('packages/rest/src/__tests__/y.ts', "const key = 'github';\n");
    write('packages/rest/test/z.ts', "const key = 'github';\n");
    write('packages/rest/src/note.ts', "// e.g. 'github' or ['static_secret', 'browser_bound']\n");
    write('packages/connectors/src/registry.ts', "const key = 'github';\n");
    write('packages/setup-engine/src/plan.ts', "const m = ['static_secret', 'browser_bound'];\n");
    expect(findDrift(root)).toEqual([]);
  });

  it('fails loudly when the vocabulary cannot be read', () => {
    write('packages/setup-engine/src/vocabulary.ts', 'export const renamed = [];\n');
    expect(() => findDrift(root)).toThrow(/modality/);
  });

  it('exits non-zero from the command line and lists each finding', () => {
    write('packages/rest/src/x.ts', "export const featured = 'gmail';\n");
    const run = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('packages/rest/src/x.ts:1:');
    expect(run.stderr).toContain('connector_key');
  });

  it('finds no drift in this repository', () => {
    expect(findDrift(repoRoot)).toEqual([]);
  });
});
