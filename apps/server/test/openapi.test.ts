import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { contractRoutes } from '@conn/setup-engine';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { startTestServer, type TestServer } from './test-server';

const repoRoot = join(import.meta.dirname, '../../..');

interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  description?: string;
  security?: Array<Record<string, string[]>>;
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { description: string; content?: Record<string, unknown> }>;
}
type Document = {
  info: { version: string; license?: { name: string } };
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

describe('/openapi.json', () => {
  let t: TestServer;
  let document: Document;
  let text: string;

  beforeAll(async () => {
    t = await startTestServer({ dialect: 'sqlite' });
    text = await (await fetch(`${t.url}/openapi.json`)).text();
    document = JSON.parse(text) as Document;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );

  it('has every contract route but /mcp, each named, summarised, described, tagged and secured', () => {
    const documented = new Set(operations().map(({ operation }) => operation.operationId));
    const expected = contractRoutes.filter((r) => r.tag !== 'mcp').map((r) => r.operationId);
    for (const id of expected) expect(documented, id).toContain(id);
    expect(Object.keys(document.paths)).not.toContain('/mcp');
    expect(Object.keys(document.paths).filter((p) => p.startsWith('/console'))).toEqual([]);
    for (const { path, method, operation } of operations()) {
      const where = `${method} ${path}`;
      expect(operation.operationId, where).toBeTruthy();
      expect(operation.summary, where).toBeTruthy();
      expect(operation.tags?.length, where).toBe(1);
      expect(operation.security, where).toBeDefined();
      for (const [status, response] of Object.entries(operation.responses)) {
        expect(response.description, `${where} ${status}`).not.toBe('Default Response');
      }
    }
    expect(document.info.version).toBe(packageJson.version);
    expect(document.info.license?.name).toBe('MIT');
    expect(document.servers?.[0]?.url).toBe(t.url);
  });

  it('applies security per principal and the shared error body on every refusal', () => {
    const find = (id: string) => operations().find(({ operation }) => operation.operationId === id);
    expect(find('createWebhook')?.operation.security).toEqual([
      { ownerSession: [] },
      { ownerToken: [] },
    ]);
    expect(find('getSetupStatus')?.operation.security).toEqual([
      { ownerSession: [] },
      { ownerToken: [] },
      { agentToken: [] },
    ]);
    expect(find('ingestRecords')?.operation.security).toEqual([{ collectorToken: [] }]);
    expect(find('login')?.operation.security).toEqual([]);
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual([
      'agentToken',
      'collectorToken',
      'ownerSession',
      'ownerToken',
    ]);
    const status = find('getSetupStatus')?.operation;
    expect(Object.keys(status?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '500', '503']),
    );
    expect(JSON.stringify(status?.responses['404'])).toContain('#/components/schemas/ErrorBody');
    expect(Object.keys(find('login')?.operation.responses ?? {})).toContain('429');
    expect(Object.keys(find('submitCredential')?.operation.responses ?? {})).toContain('422');
    const upload = find('uploadArtifact')?.operation;
    expect(Object.keys(upload?.requestBody?.content ?? {})).toEqual(['application/octet-stream']);
    expect(Object.keys(find('listEvents')?.operation.responses['200']?.content ?? {})).toEqual([
      'application/json',
      'text/event-stream',
    ]);
  });

  it('names the shared shapes once and uses no non-standard format', () => {
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'SetupStatus',
        'SetupPlan',
        'ErrorBody',
        'ConnectionEvent',
        'Modality',
      ]),
    );
    expect(text).not.toContain('"format":"starts_with"');
    // The modality enum is one component, referenced, not inlined per use.
    expect(text.split('"static_secret","oauth_or_device_flow"').length - 1).toBeLessThanOrEqual(1);
  });

  it('passes Redocly’s recommended rules with no error, and swagger-parser validates it', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: text, absoluteRef: 'openapi.json', config });
    const errors = problems.filter((problem) => problem.severity === 'error');
    expect(errors.map((e) => `${e.ruleId}: ${e.message} at ${e.location[0]?.pointer}`)).toEqual([]);
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('generates a typed client with openapi-typescript that type-checks against real calls', async () => {
    const types = astToString(await openapiTS(structuredClone(document) as never));
    const dir = await mkdtemp(join(tmpdir(), 'conn-openapi-ts-'));
    try {
      await writeFile(join(dir, 'conn-api.d.ts'), types);
      await writeFile(
        join(dir, 'calls.ts'),
        `import type { components, operations, paths } from './conn-api';
type Status = components['schemas']['SetupStatus'];
const state: Status['setup_state'] = 'active';
type Plan = paths['/v1/owner/connectors/{key}/setup-plan']['get']['responses'][200]['content']['application/json'];
declare const plan: Plan;
const kind: string = plan.next_step.kind;
type IntentBody = NonNullable<operations['createIntent']['requestBody']>['content']['application/json'];
const body: IntentBody = { connector: 'github', unproven: true };
type Refusal = operations['getSetupStatus']['responses'][404]['content']['application/json'];
declare const refusal: Refusal;
const code: string = refusal.error.code;
type Page = operations['listEvents']['responses'][200]['content']['application/json'];
declare const page: Page;
const next: number = page.next_after;
// @ts-expect-error a status that is not a setup state
const wrong: Status['setup_state'] = 'teleported';
export { body, code, kind, next, state, wrong };
`,
      );
      await writeFile(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            module: 'nodenext',
            target: 'es2022',
            skipLibCheck: false,
          },
          files: ['calls.ts'],
        }),
      );
      const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
      const run = await promisify(execFile)(process.execPath, [tsc, '-p', dir]).catch(
        (error: { stdout: string }) => ({ stdout: error.stdout, failed: true }),
      );
      expect(run.stdout).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
