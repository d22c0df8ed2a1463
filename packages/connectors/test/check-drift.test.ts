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

function write(path: string, lines: string[]): void {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** Findings as `file:line:column rule`, the shape a reader scans for. */
function found(): string[] {
  return findDrift(root).map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`);
}

beforeEach(() => {
  // A tree shaped like the repo: the real engine lists, a catalog of four connectors, one clean surface.
  root = mkdtempSync(join(tmpdir(), 'conn-drift-'));
  for (const engineFile of ['vocabulary.ts', 'errors.ts']) {
    const path = `packages/setup-engine/src/${engineFile}`;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    copyFileSync(join(repoRoot, path), join(root, path));
  }
  for (const key of ['github', 'gmail', 'claude-code', 'codex']) {
    write(`packages/connectors/src/${key}/manifest.ts`, [`export const key = '${key}';`]);
  }
  write('packages/rest/src/plan-route.ts', [
    "import { type SetupPlan, modalities } from '@conn/setup-engine';",
    'export function stepLabel(plan: SetupPlan): string {',
    '  switch (plan.next_step.kind) {',
    "    case 'capture_static_secret': return 'Enter credential';",
    "    case 'provide_import_file': return 'Upload a file';",
    '    default: return plan.next_step.label;',
    '  }',
    '}',
    'export const count = modalities.length;',
  ]);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('findDrift', () => {
  it('finds nothing in a surface that renders from the plan', () => {
    expect(findDrift(root)).toEqual([]);
  });

  it('leaves comments, words containing a key, dotted names and other versions alone', () => {
    write('packages/cli/src/note.ts', [
      '/**',
      ' * Connects a connector.',
      ' *',
      ' * @example',
      " * conn connect github --unproven   // or ['queued', 'running'], '/v1/owner/connectors'",
      ' */',
      "// e.g. 'github' or ['static_secret', 'browser_bound']",
      "export const docs = 'https://api.github.com/user';",
      "export const home = '~/.codex/sessions and codex.json';",
      "export const words = 'codexes, githubber, codex-cli, my_github, gmail2';",
      "export const brand = 'GitHub';",
      "export const other = ['/v2/owner', 'see /v1/owner/connectors'];",
      "export const single = ['queued'];",
    ]);
    expect(found()).toEqual([]);
  });

  describe('connector_key', () => {
    it('finds a key as a whole string', () => {
      write('packages/rest/src/x.ts', ["export const featured = 'github';"]);
      expect(findDrift(root)).toEqual([
        {
          file: 'packages/rest/src/x.ts',
          line: 1,
          column: 26,
          rule: 'connector_key',
          message: expect.stringContaining('"github"'),
        },
      ]);
    });

    it('finds a key as a word in help text, a template and JSX', () => {
      write('packages/cli/src/help.ts', [
        'export const help = [',
        "  'conn connect github --unproven',",
        `  \`conn collector run <claude-code|codex> \${'--once'}\`,`,
        '];',
      ]);
      write('packages/console/src/hint.tsx', [
        'export const Hint = () => (',
        '  <p title="gmail">',
        '    Then run codex.',
        '  </p>',
        ');',
      ]);
      expect(found()).toEqual([
        'packages/cli/src/help.ts:2:17 connector_key',
        'packages/cli/src/help.ts:3:24 connector_key',
        'packages/cli/src/help.ts:3:36 connector_key',
        'packages/console/src/hint.tsx:2:13 connector_key',
        'packages/console/src/hint.tsx:3:14 connector_key',
      ]);
    });

    it('covers a connector added to the catalog without being told', () => {
      write('packages/rest/src/y.ts', ["export const next = 'strava';"]);
      expect(findDrift(root)).toEqual([]);
      write('packages/connectors/src/strava/manifest.ts', ["export const key = 'strava';"]);
      expect(found()).toEqual(['packages/rest/src/y.ts:1:22 connector_key']);
    });
  });

  describe('vocabulary_list', () => {
    it('finds an array of run statuses in services', () => {
      write('packages/services/src/open-runs.ts', [
        '// runs still open',
        "export const open = ['queued', 'running'];",
      ]);
      expect(findDrift(root)).toEqual([
        {
          file: 'packages/services/src/open-runs.ts',
          line: 2,
          column: 21,
          rule: 'vocabulary_list',
          message: expect.stringContaining('import `openRunStatuses` from @conn/setup-engine'),
        },
      ]);
    });

    it('finds a Set of error codes from the engine catalog', () => {
      write('packages/services/src/rejected.ts', [
        'export const rejected = new Set([',
        "  'credential_rejected',",
        "  'invalid_credentials',",
        ']);',
      ]);
      expect(findDrift(root)).toEqual([
        expect.objectContaining({
          line: 1,
          rule: 'vocabulary_list',
          message: expect.stringMatching(/`errorCodes`.*its own Set/),
        }),
      ]);
    });

    it('finds a union type of support states', () => {
      write('packages/console/src/badge.tsx', [
        "type Shown = 'supported' | 'proof_gated' | null;",
        "export const x: Shown = 'supported';",
      ]);
      expect(found()).toEqual(['packages/console/src/badge.tsx:1:14 vocabulary_list']);
    });

    it('checks the store too, but only for the vocabulary', () => {
      write('packages/store/src/claimable.ts', [
        "export const claimable = ['queued', 'running'];",
        "export const key = 'github';",
        "export const path = '/v1/owner/connections';",
      ]);
      expect(found()).toEqual(['packages/store/src/claimable.ts:1:26 vocabulary_list']);
    });

    it('reads every list the engine exports as const, so a new one is covered', () => {
      write('packages/services/src/tint.ts', ["export const tints = ['red', 'green'];"]);
      expect(findDrift(root)).toEqual([]);
      write('packages/setup-engine/src/vocabulary.ts', [
        "export const modalities = ['static_secret', 'local_collector'] as const;",
        "export const supportStates = ['supported', 'proof_gated'] as const;",
        "export const tints = ['red', 'green', 'blue'] as const satisfies readonly string[];",
      ]);
      expect(found()).toEqual(['packages/services/src/tint.ts:1:22 vocabulary_list']);
    });

    it('fails loudly when the vocabulary cannot be read', () => {
      write('packages/setup-engine/src/vocabulary.ts', ['export const renamed = [];']);
      expect(() => findDrift(root)).toThrow(/modalities/);
    });
  });

  it('connector_map: finds an object mapping connectors to modalities', () => {
    write('packages/sdk/src/table.ts', [
      'export const table = {',
      "  github: 'static_secret',",
      "  'claude-code': 'local_collector',",
      '};',
    ]);
    expect(findDrift(root)).toEqual([
      expect.objectContaining({
        file: 'packages/sdk/src/table.ts',
        line: 2,
        rule: 'connector_map',
        message: expect.stringContaining('github, claude-code'),
      }),
    ]);
  });

  it('route_path: finds /v1 paths in strings and templates', () => {
    write('apps/server/src/paths.ts', [
      "export const list = '/v1/owner/connections';",
      `export const one = (id: string) => \`/v1/owner/connections/\${id}\`;`,
      `export const full = (base: string) => \`\${base}/v1/owner/uploads\`;`,
    ]);
    expect(findDrift(root)).toEqual([
      expect.objectContaining({
        line: 1,
        column: 21,
        rule: 'route_path',
        message: expect.stringContaining('"/v1/owner/connections"'),
      }),
      expect.objectContaining({ line: 2, column: 36, rule: 'route_path' }),
      expect.objectContaining({ line: 3, column: 46, rule: 'route_path' }),
    ]);
  });

  it('request_shape: finds zod object schemas in rest, sdk and cli only', () => {
    write('packages/rest/src/body.ts', [
      "import { z } from 'zod';",
      'export const Body = z.strictObject({ label: z.string() });',
    ]);
    write('packages/sdk/src/reply.ts', [
      "import * as zod from 'zod';",
      'export const Reply = zod.looseObject({ id: zod.string() });',
    ]);
    write('packages/services/src/row.ts', [
      "import { z } from 'zod';",
      'export const Row = z.object({ id: z.string() });',
    ]);
    expect(findDrift(root)).toEqual([
      expect.objectContaining({
        file: 'packages/rest/src/body.ts',
        line: 2,
        column: 21,
        rule: 'request_shape',
        message: expect.stringContaining('z.strictObject'),
      }),
      expect.objectContaining({ file: 'packages/sdk/src/reply.ts', line: 2, column: 22 }),
    ]);
  });

  describe('drift-allow', () => {
    it('allows a finding when the line before gives a reason', () => {
      write('packages/rest/src/health.ts', [
        '// drift-allow route_path: the load balancer probes this fixed path',
        "export const health = '/v1/health';",
        'export const list = [',
        '  /* drift-allow vocabulary_list, connector_key: a fixture for the docs page */',
        "  ['queued', 'running', 'github'],",
        '];',
      ]);
      expect(findDrift(root)).toEqual([]);
    });

    it('reports an allow without a reason, and keeps the finding', () => {
      write('packages/rest/src/health.ts', [
        '// drift-allow route_path',
        "export const health = '/v1/health';",
      ]);
      expect(findDrift(root)).toEqual([
        expect.objectContaining({
          line: 1,
          column: 4,
          rule: 'drift_allow',
          message: expect.stringContaining('without a reason'),
        }),
        expect.objectContaining({ line: 2, rule: 'route_path' }),
      ]);
    });

    it('reports an allow naming an unknown rule or allowing nothing', () => {
      write('packages/rest/src/health.ts', [
        '// drift-allow route_paths: typo in the rule name',
        "export const health = '/v1/health';",
        '// drift-allow connector_key: nothing here names a connector',
        "export const label = 'Health';",
      ]);
      expect(findDrift(root)).toEqual([
        expect.objectContaining({
          line: 1,
          rule: 'drift_allow',
          message: expect.stringContaining('unknown rule (route_paths)'),
        }),
        expect.objectContaining({ line: 2, rule: 'route_path' }),
        expect.objectContaining({
          line: 3,
          rule: 'drift_allow',
          message: expect.stringContaining('no such finding'),
        }),
      ]);
    });
  });

  it('ignores tests, the engine and the catalog itself', () => {
    write('packages/rest/src/x.test.ts', ["const key = 'github';"]);
    write('packages/rest/src/__tests__/y.ts', ["const key = 'github';"]);
    write('packages/rest/test/z.ts', ["const key = 'github';"]);
    write('packages/connectors/src/registry.ts', ['const keys = { github: 1, gmail: 2 };']);
    write('packages/setup-engine/src/plan.ts', ["const m = ['static_secret', 'browser_bound'];"]);
    expect(findDrift(root)).toEqual([]);
  });

  it('exits non-zero from the command line and lists each finding', () => {
    write('packages/rest/src/x.ts', ["export const featured = 'gmail';"]);
    const run = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'packages/rest/src/x.ts:1:26 connector_key names the connector key "gmail"',
    );
  });

  it('exits zero on a clean tree', () => {
    const run = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('drift check: clean');
  });
});

describe('this repository', () => {
  it('has no drift', () => {
    const findings = findDrift(repoRoot).map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`);
    expect(findings).toEqual([]);
  });
});
