import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnClient } from '@conn/sdk';
import pg from 'pg';
import { type Load, load } from '../autocannon-load';
import { type ServerProcess, startServerProcess } from '../processes/server-process';
import type { BenchFigure } from '../report';

const password = 'benchmark-owner-password';
const postgresUrl = process.env.CONN_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** A draft written by the probe this often while the load runs; its event's delay is measured. */
const probeEveryMs = 25;

/** What one stream client saw while 64 clients created intents. */
interface StreamRun {
  intents: Load;
  eventsPerSecond: number;
  /** Commit (the probe's write answered) to arrival on the stream, per probe draft, in ms. */
  delays: number[];
}

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
};

async function ownerClient(url: string): Promise<ConnClient> {
  const token = await new ConnClient({ baseUrl: url }).login(password);
  return new ConnClient({ baseUrl: url, token });
}

/**
 * Loads `writer` with intents (autocannon, its own process) and, with
 * `streamFrom`, holds one SDK event stream on it meanwhile; a probe writes a
 * draft every 25 ms through `writer` and notes when each write was answered,
 * i.e. committed. A draft's delay is its event's arrival on the stream
 * minus that moment (never below 0: the stream can beat the HTTP answer).
 */
async function run(writer: ServerProcess, streamFrom: ServerProcess | null): Promise<StreamRun> {
  const owner = await ownerClient(writer.url);
  const token = await new ConnClient({ baseUrl: writer.url }).login(password);
  const committed = new Map<string, number>();
  const arrived = new Map<string, number>();
  let received = 0;
  const controller = new AbortController();
  let reading: Promise<unknown> = Promise.resolve();
  if (streamFrom !== null) {
    const reader = await ownerClient(streamFrom.url);
    let open: () => void = () => {};
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    reading = (async () => {
      for await (const event of reader.events({
        signal: controller.signal,
        onOpen: () => open(),
      })) {
        received += 1;
        if (event.type === 'draft_created' && event.connection_id !== null) {
          arrived.set(event.connection_id, performance.now());
        }
      }
    })().catch(() => {});
    await opened;
  }
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const draft = await owner.createDraft({ connector: 'github', fields: {} });
      committed.set(draft.connection_id, performance.now());
      await new Promise((resolve) => setTimeout(resolve, probeEveryMs));
    }
  })();
  const started = performance.now();
  const intents = await load(`${writer.url}/v1/owner/connections/intents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ connector: 'codex' }),
  });
  const seconds = (performance.now() - started) / 1000;
  probing = false;
  await probe;
  // Let the last probe events arrive before the stream is closed.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  controller.abort();
  await reading;
  const delays = [...committed].flatMap(([id, at]) => {
    const arrival = arrived.get(id);
    return arrival === undefined ? [Number.POSITIVE_INFINITY] : [Math.max(0, arrival - at)];
  });
  return { intents, eventsPerSecond: received / seconds, delays };
}

function figures(label: string, quiet: Load, streamed: StreamRun, delayBar: number): BenchFigure[] {
  const p99 = percentile(streamed.delays, 99);
  const ratio = streamed.intents.rps / quiet.rps;
  return [
    {
      suite: 'events',
      name: `${label}: events/s to one SSE client while 64 clients create intents`,
      measure: 'events/s',
      value: streamed.eventsPerSecond,
      unit: 'events/s',
      baseline: Math.round(streamed.intents.rps),
      bar: 'every event arrives',
      pass: streamed.delays.every(Number.isFinite) && streamed.intents.errors === 0,
    },
    {
      suite: 'events',
      name: `${label}: commit to SSE arrival, p99 (${streamed.delays.length} probes)`,
      measure: 'p99',
      value: p99,
      unit: 'ms',
      baseline: percentile(streamed.delays, 50),
      bar: `< ${delayBar} ms`,
      pass: p99 < delayBar,
    },
    {
      suite: 'events',
      name: `${label}: intents/s with one SSE client / without`,
      measure: 'requests/s ratio',
      value: ratio,
      unit: '×',
      baseline: Math.round(quiet.rps),
      bar: '≥ 0.85×',
      pass: ratio >= 0.85 && quiet.errors === 0,
    },
  ];
}

async function sqliteFigures(): Promise<BenchFigure[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'conn-bench-events-'));
  const server = await startServerProcess({
    CONN_DATA_DIR: dataDir,
    CONN_PORT: '0',
    CONN_OWNER_PASSWORD: password,
    CONN_LOG_LEVEL: 'warn',
  });
  try {
    const quiet = await run(server, null);
    const streamed = await run(server, server);
    return figures('SQLite', quiet.intents, streamed, 100);
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function postgresFigures(): Promise<BenchFigure[]> {
  const schema = `conn_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const databaseUrl = `${postgresUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  try {
    const key = randomBytes(32).toString('base64');
    for (let i = 0; i < 2; i++) {
      const dataDir = await mkdtemp(join(tmpdir(), 'conn-bench-events-'));
      dirs.push(dataDir);
      servers.push(
        await startServerProcess({
          CONN_DATA_DIR: dataDir,
          CONN_DATABASE_URL: databaseUrl,
          CONN_PORT: '0',
          CONN_OWNER_PASSWORD: password,
          CONN_CREDENTIAL_KEY: key,
          CONN_LOG_LEVEL: 'warn',
        }),
      );
    }
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const quiet = await run(a, null);
    // Written through A, streamed from B: the wake-up crosses processes by LISTEN/NOTIFY.
    const streamed = await run(a, b);
    return figures('PostgreSQL, two processes', quiet.intents, streamed, 250);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

/**
 * `pnpm bench events`: lifecycle events through the outbox to one SSE client
 * while 64 clients create intents — events/s, commit-to-arrival p99, and
 * what the stream costs the writers — on SQLite and on PostgreSQL across two
 * server processes.
 */
export async function eventsSuite(): Promise<BenchFigure[]> {
  return [...(await sqliteFigures()), ...(await postgresFigures())];
}
