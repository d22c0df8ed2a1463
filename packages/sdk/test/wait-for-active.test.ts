import type { SetupStatus } from '@conn/setup-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConnApiError,
  ConnClient,
  SetupFailedError,
  SetupTimeoutError,
  waitForActive,
} from '../src/index';
import { status } from './canned';
import { type CannedAnswer, type FakeServer, startFakeServer } from './fake-conn-server';

const route = 'GET /v1/owner/connections/con_1/setup-status';

let server: FakeServer;
let client: ConnClient;

beforeAll(async () => {
  server = await startFakeServer();
  client = new ConnClient({ baseUrl: server.url, token: 'coa_waiting' });
});
afterAll(() => server.close());

/** Answers each poll with the next canned answer, staying on the last one. */
function sequence(answers: CannedAnswer[]): { polls: () => number } {
  let index = 0;
  server.on(route, () => {
    const answer = answers[Math.min(index, answers.length - 1)]!;
    index += 1;
    return answer;
  });
  return { polls: () => index };
}

const running = (records: number, stage = 'repositories'): SetupStatus => ({
  ...status({ run: { status: 'running', error_code: null } }),
  run: {
    ...status({ run: { status: 'running', error_code: null } }).run!,
    stage,
    records_accepted: records,
  },
});

const active = status(
  { connectionStatus: 'active' },
  {
    records_total: 12,
    activated_at: '2025-03-01T10:05:00.000Z',
    account: { id: '1', label: 'octo' },
  },
);

describe('waitForActive', () => {
  it('reports each change once and resolves with the active status', async () => {
    sequence([
      { json: status({ credential_present: false }) },
      { json: status({ run: { status: 'queued', error_code: null } }) },
      { json: running(0) },
      { json: running(0) },
      { json: running(5) },
      { json: running(5, 'starred') },
      { json: active },
    ]);
    const seen: string[] = [];
    const result = await waitForActive(client, 'con_1', {
      intervalMs: 5,
      onProgress: (s) =>
        seen.push(`${s.setup_state}:${s.run?.stage ?? '-'}:${s.run?.records_accepted ?? 0}`),
    });
    expect(result).toEqual(active);
    expect(seen).toEqual([
      'awaiting_credential:-:0',
      'first_sync_pending:-:0',
      'first_sync_running:repositories:0',
      'first_sync_running:repositories:5',
      'first_sync_running:starred:5',
      'active:-:0',
    ]);
  });

  it('rejects on a failed first sync with the status and its one repair action', async () => {
    const failed = status({ run: { status: 'failed', error_code: 'credential_rejected' } });
    sequence([{ json: running(0) }, { json: failed }]);
    const error = await waitForActive(client, 'con_1', { intervalMs: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SetupFailedError);
    const setupError = error as SetupFailedError;
    expect(setupError.status.setup_state).toBe('first_sync_failed');
    expect(setupError.remediation?.kind).toBe('replace_credential');
    expect(setupError.message).toContain(failed.remediation!.label);
    expect(setupError.message).not.toMatch(/first_sync_failed|replace_credential/);
  });

  it.each([
    ['expired', status({ connectionStatus: 'draft' }, { setup_state: 'expired' })],
    ['revoked', status({ connectionStatus: 'revoked' })],
    ['needs_attention', status({ connectionStatus: 'needs_attention' })],
  ])('rejects at once on %s', async (_state, terminal) => {
    sequence([{ json: terminal }]);
    await expect(waitForActive(client, 'con_1', { intervalMs: 5 })).rejects.toBeInstanceOf(
      SetupFailedError,
    );
  });

  it('keeps waiting while a repair run of a connection that needs attention is under way', async () => {
    const repairing = status({
      connectionStatus: 'needs_attention',
      run: { status: 'running', error_code: null },
    });
    const { polls } = sequence([{ json: repairing }, { json: repairing }, { json: active }]);
    await expect(waitForActive(client, 'con_1', { intervalMs: 5 })).resolves.toEqual(active);
    expect(polls()).toBe(3);
  });

  it('times out with the last status it saw', async () => {
    const pending = status({ run: { status: 'queued', error_code: null } });
    sequence([{ json: pending }]);
    const started = Date.now();
    const error = await waitForActive(client, 'con_1', { intervalMs: 20, timeoutMs: 150 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SetupTimeoutError);
    expect((error as SetupTimeoutError).lastStatus).toEqual(pending);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('times out even when the server stops answering', async () => {
    sequence([{ json: active, delayMs: 3_000 }]);
    const started = Date.now();
    const error = await waitForActive(client, 'con_1', { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SetupTimeoutError);
    expect((error as SetupTimeoutError).lastStatus).toBeNull();
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('stops polling when aborted and rejects with the reason', async () => {
    const { polls } = sequence([{ json: running(1) }]);
    const controller = new AbortController();
    const waiting = waitForActive(client, 'con_1', {
      intervalMs: 10,
      signal: controller.signal,
      onProgress: () => setTimeout(() => controller.abort(new Error('owner cancelled')), 30),
    });
    await expect(waiting).rejects.toThrow('owner cancelled');
    const after = polls();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(polls()).toBe(after);
  });

  it('retries a server error, and gives up at once on a missing connection', async () => {
    sequence([
      { status: 503, json: { error: { code: 'provider_unavailable', message: 'Try later.' } } },
      { json: active },
    ]);
    await expect(waitForActive(client, 'con_1', { intervalMs: 5 })).resolves.toEqual(active);

    sequence([
      {
        status: 404,
        json: { error: { code: 'connection_not_found', message: 'No such connection.' } },
      },
    ]);
    const error = await waitForActive(client, 'con_1', { intervalMs: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnApiError);
    expect((error as ConnApiError).code).toBe('connection_not_found');
  });

  it('is also a client method', async () => {
    sequence([{ json: running(2) }, { json: active }]);
    await expect(client.waitForActive('con_1', { intervalMs: 5 })).resolves.toEqual(active);
  });
});
