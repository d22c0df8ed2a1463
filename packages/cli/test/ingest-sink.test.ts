import { ConnApiError, type ConnClient, ConnNetworkError } from '@conn/sdk';
import { describe, expect, it } from 'vitest';
import { IngestSink } from '../src/collector/ingest-sink';

type Ingest = ConnClient['ingest'];
type Report = ConnClient['reportProgress'];

const accepted = (count: number, activated = false) => ({
  accepted: count,
  rejected: 0,
  rejections: [],
  activated,
  status: 'active' as const,
});

function fakeClient(ingest: Ingest, reportProgress: Report = async () => undefined) {
  return { ingest, reportProgress };
}

describe('IngestSink', () => {
  it('waits as long as a Retry-After asks when that is longer than its own backoff', async () => {
    const calls: number[] = [];
    let failures = 1;
    const client = fakeClient(async (_stream, records) => {
      calls.push(Date.now());
      if (failures-- > 0) {
        throw new ConnApiError(503, 'database_unavailable', 'Try again soon.', undefined, 300);
      }
      return accepted(records.length);
    });
    const retries: string[] = [];
    const sink = new IngestSink({
      client,
      runId: 'run_1',
      signal: new AbortController().signal,
      baseDelayMs: 5,
      onRetry: (message) => retries.push(message),
    });
    await sink.emit('messages', [{ uuid: 'a' }]);
    expect(calls).toHaveLength(2);
    expect(retries).toEqual([expect.stringMatching(/try 2 in 300 ms\.$/)]);
    expect((calls[1] as number) - (calls[0] as number)).toBeGreaterThanOrEqual(298);
  });

  it('retries a batch after network errors with growing waits, then counts it once', async () => {
    const calls: number[] = [];
    let failures = 2;
    const client = fakeClient(async (_stream, records) => {
      calls.push(Date.now());
      if (failures-- > 0)
        throw new ConnNetworkError('Could not reach the conn server (ECONNREFUSED)');
      return accepted(records.length, true);
    });
    const retries: string[] = [];
    const sink = new IngestSink({
      client,
      runId: 'run_1',
      signal: new AbortController().signal,
      baseDelayMs: 20,
      onRetry: (message) => retries.push(message),
    });
    await sink.emit('messages', [{ uuid: 'a' }, { uuid: 'b' }]);
    expect(calls).toHaveLength(3);
    // The waits the sink announced grow; the clock shows each was kept (timers may run late, not early).
    const announced = retries.map((message) => Number(/in (\d+) ms/.exec(message)?.[1]));
    expect(announced).toHaveLength(2);
    expect(announced[1]).toBeGreaterThan(announced[0] as number);
    expect((calls[1] as number) - (calls[0] as number)).toBeGreaterThanOrEqual(
      (announced[0] as number) - 2,
    );
    expect((calls[2] as number) - (calls[1] as number)).toBeGreaterThanOrEqual(
      (announced[1] as number) - 2,
    );
    expect(sink.totals).toMatchObject({ accepted: 2, streams: { messages: 2 }, activated: true });
  });

  it('gives up after five tries and rethrows the network error', async () => {
    let calls = 0;
    const client = fakeClient(async () => {
      calls += 1;
      throw new ConnNetworkError('Could not reach the conn server (ECONNRESET)');
    });
    const sink = new IngestSink({
      client,
      runId: null,
      signal: new AbortController().signal,
      baseDelayMs: 1,
    });
    await expect(sink.emit('sessions', [{ session_id: 's' }])).rejects.toBeInstanceOf(
      ConnNetworkError,
    );
    expect(calls).toBe(5);
  });

  it('does not retry a refusal, and sends without the run once the server closed it', async () => {
    const seen: (string | undefined)[] = [];
    const client = fakeClient(async (_stream, records, options) => {
      seen.push(options?.runId);
      if (options?.runId !== undefined)
        throw new ConnApiError(409, 'run_not_claimable', 'This run has already finished.');
      return accepted(records.length);
    });
    const sink = new IngestSink({
      client,
      runId: 'run_old',
      signal: new AbortController().signal,
      baseDelayMs: 1,
    });
    await sink.emit('sessions', [{ session_id: 's' }]);
    await sink.emit('sessions', [{ session_id: 't' }]);
    expect(seen).toEqual(['run_old', undefined, undefined]);
    expect(sink.runId).toBeNull();

    const revoked = new IngestSink({
      client: fakeClient(async () => {
        throw new ConnApiError(
          401,
          'unauthenticated',
          'This token is not valid (unknown, expired or revoked).',
        );
      }),
      runId: null,
      signal: new AbortController().signal,
      baseDelayMs: 1,
    });
    await expect(revoked.emit('sessions', [{ session_id: 's' }])).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });

  it('reports progress with the counts sent so far, and the end', async () => {
    const reports: unknown[] = [];
    const sink = new IngestSink({
      client: fakeClient(
        async (_stream, records) => accepted(records.length),
        async (runId, progress) => {
          reports.push({ runId, ...progress });
          return undefined;
        },
      ),
      runId: 'run_1',
      signal: new AbortController().signal,
    });
    await sink.emit('messages', [{ uuid: 'a' }]);
    sink.progress('sessions', { messages: 1 });
    await sink.finish();
    expect(reports).toEqual([
      { runId: 'run_1', stage: 'sessions', counts: { accepted: 1, rejected: 0 } },
      { runId: 'run_1', stage: 'done', counts: { accepted: 1, rejected: 0 } },
    ]);
  });
});
