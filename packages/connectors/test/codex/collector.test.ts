import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isConnError } from '@conn/setup-engine';
import { afterEach, describe, expect, it } from 'vitest';
import { codexCollector } from '../../src/codex/collector';
import { collectorHarness } from '../collector-harness';

const fixtures = fileURLToPath(new URL('../fixtures/codex', import.meta.url));
const rolloutSession = '5973b6c0-94b8-487b-a530-2aeb6098ae0e';
const legacySession = '1d2e3f40-5b6c-4d7e-8f90-a1b2c3d4e5f6';
let scratch: string | undefined;

afterEach(async () => {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

async function collect(path: string) {
  const harness = collectorHarness({ fields: { path } });
  const result = await codexCollector(harness.input);
  return { harness, result };
}

/** A Codex sessions root holding one current-format session with `count` messages. */
async function largeSession(count: number): Promise<string> {
  scratch = await mkdtemp(join(tmpdir(), 'conn-codex-'));
  const day = join(scratch, '2025', '06', '01');
  await mkdir(day, { recursive: true });
  const id = 'b1900000-0000-4000-8000-000000000000';
  const meta = { timestamp: '2025-06-01T08:00:00.000Z', type: 'session_meta', payload: { id } };
  const lines = [
    JSON.stringify(meta),
    ...Array.from({ length: count }, (_, index) =>
      JSON.stringify({
        timestamp: '2025-06-01T08:00:01.000Z',
        type: 'response_item',
        payload: {
          type: 'message',
          role: index % 2 === 0 ? 'user' : 'assistant',
          content: [
            { type: index % 2 === 0 ? 'input_text' : 'output_text', text: `turn ${index}` },
          ],
        },
      }),
    ),
  ];
  await writeFile(join(day, `rollout-2025-06-01T08-00-00-${id}.jsonl`), `${lines.join('\n')}\n`);
  return scratch;
}

describe('codexCollector', () => {
  it('reads both log formats, oldest folder first', async () => {
    const { harness, result } = await collect(fixtures);
    expect(result.counts).toEqual({ sessions: 2, messages: 5 });
    expect(harness.records('sessions')).toEqual([
      {
        session_id: legacySession,
        log_format: 'legacy',
        cwd: null,
        model: null,
        originator: null,
        cli_version: null,
        git_branch: null,
        git_commit: null,
        started_at: '2024-11-02T18:40:00.000Z',
        ended_at: '2024-11-02T18:40:00.000Z',
        message_count: 2,
        tool_call_count: 1,
        tool_names: ['shell'],
      },
      {
        session_id: rolloutSession,
        log_format: 'rollout',
        cwd: '/home/dev/date-utils',
        model: 'gpt-5-codex',
        originator: 'codex_cli_rs',
        cli_version: '0.39.0',
        git_branch: 'fix/parse-iso',
        git_commit: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
        started_at: '2025-03-14T09:12:05.100Z',
        ended_at: '2025-03-14T09:12:40.000Z',
        message_count: 3,
        tool_call_count: 2,
        tool_names: ['apply_patch', 'shell'],
      },
    ]);
  });

  it('keys messages by session and line, with role, time and text', async () => {
    const { harness } = await collect(fixtures);
    expect(harness.records('messages')).toEqual([
      {
        id: `${legacySession}:3`,
        session_id: legacySession,
        line: 3,
        role: 'user',
        timestamp: null,
        text: 'Rename loadConfig to readConfig everywhere.',
      },
      {
        id: `${legacySession}:8`,
        session_id: legacySession,
        line: 8,
        role: 'assistant',
        timestamp: null,
        text: 'Renamed loadConfig to readConfig in 3 files.',
      },
      expect.objectContaining({ id: `${rolloutSession}:2`, role: 'user' }),
      {
        id: `${rolloutSession}:4`,
        session_id: rolloutSession,
        line: 4,
        role: 'user',
        timestamp: '2025-03-14T09:12:09.010Z',
        text: 'Fix the failing parseIso test.',
      },
      {
        id: `${rolloutSession}:10`,
        session_id: rolloutSession,
        line: 10,
        role: 'assistant',
        timestamp: '2025-03-14T09:12:40.000Z',
        text: 'parseIso now accepts a trailing Z; the test passes.',
      },
    ]);
  });

  it('skips and counts the malformed line without failing the run', async () => {
    const { harness } = await collect(fixtures);
    expect(harness.progress.at(-1)).toEqual({
      stage: 'sessions',
      counts: { sessions: 2, messages: 5, skipped: 1 },
    });
  });

  it('gives identical record keys on a second run', async () => {
    const keys = async () => {
      const { harness } = await collect(fixtures);
      return [
        ...harness.records('sessions').map((record) => record.session_id),
        ...harness.records('messages').map((record) => record.id),
      ];
    };
    const first = await keys();
    expect(new Set(first).size).toBe(first.length);
    expect(await keys()).toEqual(first);
  });

  it('emits a large session in batches of at most 500', async () => {
    const { harness, result } = await collect(await largeSession(1_200));
    expect(result.counts).toEqual({ sessions: 1, messages: 1_200 });
    expect(harness.batches.map((batch) => [batch.stream, batch.records.length])).toEqual([
      ['messages', 500],
      ['messages', 500],
      ['messages', 200],
      ['sessions', 1],
    ]);
  });

  it('stops reading when the run is aborted', async () => {
    const root = await largeSession(1_200);
    const harness = collectorHarness({
      fields: { path: root },
      onEmit: (_batch, current) => current.controller.abort(),
    });
    await expect(codexCollector(harness.input)).rejects.toMatchObject({ name: 'AbortError' });
    expect(harness.batches).toHaveLength(1);
  });

  it('rejects a missing directory with a message naming it', async () => {
    const missing = join(tmpdir(), 'conn-no-such-codex-dir', 'sessions');
    const error = await codexCollector(collectorHarness({ fields: { path: missing } }).input).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isConnError(error, 'invalid_request')).toBe(true);
    expect((error as Error).message).toContain(missing);
    expect((error as Error).message).toContain('Codex');
  });
});
