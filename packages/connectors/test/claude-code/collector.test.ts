import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isConnError } from '@conn/setup-engine';
import { afterEach, describe, expect, it } from 'vitest';
import { claudeCodeCollector } from '../../src/claude-code/collector';
import { collectorHarness } from '../collector-harness';

const fixtures = fileURLToPath(new URL('../fixtures/claude-code', import.meta.url));
const weatherSession = '3f1c2b9e-5a41-4d8e-9a55-0c7d2e6b1a10';
const notesSession = '8a7d4e21-0b3c-4f5a-9e6d-2c1b0a9f8e7d';
let scratch: string | undefined;

afterEach(async () => {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

async function collect(path: string) {
  const harness = collectorHarness({ fields: { path } });
  const result = await claudeCodeCollector(harness.input);
  return { harness, result };
}

/** A Claude Code root holding one session with `count` user lines. */
async function largeSession(count: number): Promise<string> {
  scratch = await mkdtemp(join(tmpdir(), 'conn-claude-code-'));
  const project = join(scratch, '-home-dev-big-repo');
  await mkdir(project);
  const lines = Array.from({ length: count }, (_, index) =>
    JSON.stringify({
      type: 'user',
      uuid: `e0000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      parentUuid: null,
      sessionId: 'big',
      timestamp: new Date(Date.UTC(2025, 0, 1, 0, 0, index)).toISOString(),
      message: { role: 'user', content: `prompt ${index}` },
    }),
  );
  await writeFile(
    join(project, 'b1900000-0000-4000-8000-000000000000.jsonl'),
    `${lines.join('\n')}\n`,
  );
  return scratch;
}

describe('claudeCodeCollector', () => {
  it('emits one session per log file and one message per user/assistant line', async () => {
    const { harness, result } = await collect(fixtures);
    expect(result.counts).toEqual({ sessions: 2, messages: 9 });
    expect(harness.records('sessions')).toEqual([
      {
        session_id: notesSession,
        project: '-home-dev-notes-cli',
        cwd: '/home/dev/notes-cli',
        git_branch: 'main',
        version: '1.0.48',
        started_at: '2025-02-21T17:45:10.000Z',
        ended_at: '2025-02-21T17:46:15.000Z',
        message_count: 4,
        summary: null,
      },
      {
        session_id: weatherSession,
        project: '-home-dev-weather-app',
        cwd: '/home/dev/weather-app',
        git_branch: 'feat/hourly',
        version: '1.0.51',
        started_at: '2025-03-10T09:00:00.000Z',
        ended_at: '2025-03-10T09:00:31.000Z',
        message_count: 5,
        summary: 'Hourly forecast endpoint',
      },
    ]);
  });

  it('keeps text, tool names and threading of each message', async () => {
    const { harness } = await collect(fixtures);
    const messages = new Map(harness.records('messages').map((record) => [record.uuid, record]));
    expect(messages.get('c0000000-0000-4000-8000-000000000002')).toEqual({
      uuid: 'c0000000-0000-4000-8000-000000000002',
      session_id: weatherSession,
      parent_uuid: 'c0000000-0000-4000-8000-000000000001',
      role: 'assistant',
      timestamp: '2025-03-10T09:00:04.000Z',
      text: "I'll look at the existing routes first.",
      tool_names: ['Read'],
      model: 'claude-sonnet-4-20250514',
    });
    expect(messages.get('c0000000-0000-4000-8000-000000000001')).toMatchObject({
      role: 'user',
      parent_uuid: null,
      text: 'Add an endpoint that returns the hourly forecast for a city.',
      tool_names: [],
    });
    expect(messages.get('c0000000-0000-4000-8000-000000000004')).toMatchObject({
      text: '',
      tool_names: ['Edit', 'Bash'],
    });
    expect(messages.get('c0000000-0000-4000-8000-000000000006')).toMatchObject({
      text: 'Added GET /forecast/:city/hourly.\n\nAll 14 tests pass.',
    });
    // The system line is not a message; the malformed line never became one.
    expect(messages.has('c0000000-0000-4000-8000-000000000005')).toBe(false);
    expect(messages.has('c0000000-0000-4000-8000-0000000000ff')).toBe(false);
  });

  it('skips and counts the malformed line without failing the run', async () => {
    const { harness } = await collect(fixtures);
    expect(harness.progress.at(-1)).toEqual({
      stage: 'sessions',
      counts: { sessions: 2, messages: 9, skipped: 1 },
    });
  });

  it('gives identical record keys on a second run', async () => {
    const keys = async () => {
      const { harness } = await collect(fixtures);
      return [
        ...harness.records('sessions').map((record) => record.session_id),
        ...harness.records('messages').map((record) => record.uuid),
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
    expect(harness.records('sessions')[0]).toMatchObject({
      message_count: 1_200,
      started_at: '2025-01-01T00:00:00.000Z',
      ended_at: '2025-01-01T00:19:59.000Z',
    });
  });

  it('stops reading when the run is aborted', async () => {
    const root = await largeSession(1_200);
    const harness = collectorHarness({
      fields: { path: root },
      onEmit: (_batch, current) => current.controller.abort(),
    });
    await expect(claudeCodeCollector(harness.input)).rejects.toMatchObject({ name: 'AbortError' });
    expect(harness.batches).toHaveLength(1);
  });

  it('rejects a missing directory with a message naming it', async () => {
    const missing = join(tmpdir(), 'conn-no-such-claude-dir', 'projects');
    const error = await claudeCodeCollector(
      collectorHarness({ fields: { path: missing } }).input,
    ).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isConnError(error, 'invalid_request')).toBe(true);
    expect((error as Error).message).toContain(missing);
    expect((error as Error).message).toContain('Claude Code');
  });
});
