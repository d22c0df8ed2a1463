import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chain from 'stream-chain';
import { pick } from 'stream-json/filters/pick.js';
import { parser } from 'stream-json/parser.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { writeTimelineExport } from '../fixtures/write-timeline-export';
import { median } from '../median';
import { postUpload, uploadHeaders } from '../post-upload';
import { ProcessPeakRss } from '../process-peak-rss';
import { startServerProcess } from '../processes/server-process';
import type { BenchFigure } from '../report';

const MB = 1000 ** 2;
/** The export's size and the pairs measured; smaller values only for a quick look (`CONN_BENCH_TIMELINE_MB`, `CONN_BENCH_PAIRS`). */
const targetBytes = Number(process.env.CONN_BENCH_TIMELINE_MB ?? 500) * MB;
const pairs = Number(process.env.CONN_BENCH_PAIRS ?? 5);
const password = 'benchmark-owner-password';

/** The baseline: one stream-json pass over the file, assembling every segment, nothing else. */
async function bareStreamJson(path: string): Promise<number> {
  let segments = 0;
  for await (const _ of chain([
    createReadStream(path),
    parser(),
    pick({ filter: 'semanticSegments' }),
    streamArray(),
  ]))
    segments += 1;
  return segments;
}

/** Uploads the file to a fresh shipped server, imports it into a new source and waits for the end. */
async function connImport(path: string, root: string, pair: number) {
  const dataDir = join(root, `conn-${pair}`);
  const server = await startServerProcess(
    {
      CONN_DATA_DIR: dataDir,
      CONN_PORT: '0',
      CONN_OWNER_PASSWORD: password,
      CONN_LOG_LEVEL: 'warn',
    },
    { from: 'build' },
  );
  try {
    const login = await fetch(`${server.url}/v1/owner/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password, mode: 'token' }),
    });
    const { session_token: token } = (await login.json()) as { session_token: string };
    const peak = new ProcessPeakRss(server.pid).start();
    const started = performance.now();
    const sent = await postUpload(
      `${server.url}/v1/owner/uploads?connector=google-maps-timeline`,
      createReadStream(path),
      uploadHeaders(token, 'Timeline.json'),
    );
    const artifact = sent.json as { id: string; status: string };
    const validatedMs = performance.now() - started;
    const validateRss = peak.stop();
    peak.start();
    const queued = await fetch(`${server.url}/v1/owner/uploads/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ artifact_ids: [artifact.id], target: { new: {} } }),
    });
    const { connection_id: id } = (await queued.json()) as { connection_id: string };
    for (;;) {
      const read = await fetch(`${server.url}/v1/owner/connections/${id}/setup-status`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const status = (await read.json()) as {
        records_total: number;
        run: { status: string } | null;
      };
      const over =
        status.run !== null && status.run.status !== 'queued' && status.run.status !== 'running';
      if (over) {
        return {
          ms: performance.now() - started,
          validatedMs,
          rss: Math.max(validateRss, peak.stop()),
          validateRss,
          ok: artifact.status === 'staged' && status.run?.status === 'succeeded',
          records: status.records_total,
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * A generated 500 MB Google Maps Timeline on-device export through conn-server
 * started as shipped (no V8 flags): upload + validate + import, against a
 * bare stream-json pass over the same file in the same run (median of five
 * interleaved pairs; bar ≥ 0.5× its throughput), and the server's peak RSS
 * over every pair (bar < 300 MB).
 */
export async function timelineSuite(): Promise<BenchFigure[]> {
  const root = await mkdtemp(join(tmpdir(), 'conn-bench-timeline-'));
  try {
    const path = join(root, 'Timeline.json');
    const generated = await writeTimelineExport(path, targetBytes);
    const expected =
      generated.records.visits + generated.records.activities + generated.records.points;
    const ratios: number[] = [];
    const bareMbps: number[] = [];
    const runs: Awaited<ReturnType<typeof connImport>>[] = [];
    for (let pair = 0; pair < pairs; pair += 1) {
      const connFirst = pair % 2 === 1;
      const early = connFirst ? await connImport(path, root, pair) : null;
      const bareStarted = performance.now();
      await bareStreamJson(path);
      const bareMs = performance.now() - bareStarted;
      const run = early ?? (await connImport(path, root, pair));
      runs.push(run);
      ratios.push(bareMs / run.ms);
      bareMbps.push(generated.bytes / MB / (bareMs / 1000));
      process.stderr.write(
        `bench: timeline pair ${pair + 1}: bare ${(bareMs / 1000).toFixed(1)} s, conn ${(run.ms / 1000).toFixed(1)} s (upload + validate ${(run.validatedMs / 1000).toFixed(1)} s), peak RSS ${(run.rss / MB).toFixed(0)} MB (upload + validate ${(run.validateRss / MB).toFixed(0)} MB)\n`,
      );
    }
    const ok = runs.every((run) => run.ok && run.records === expected);
    const ratio = median(ratios);
    const peak = Math.max(...runs.map((run) => run.rss));
    const size = Math.round(generated.bytes / MB);
    return [
      {
        suite: 'timeline',
        name: `Timeline ${size} MB, ${expected} records: upload + validate + import / bare stream-json pass (shipped server, median of ${pairs} pairs)`,
        measure: 'throughput ratio',
        value: ratio,
        unit: '×',
        baseline: Math.round(median(bareMbps) * 10) / 10,
        bar: '≥ 0.5×',
        pass: ratio >= 0.5 && ok,
      },
      {
        suite: 'timeline',
        name: `Timeline ${size} MB: server peak RSS, highest of ${pairs} (started as shipped, no V8 flags)`,
        measure: 'peak RSS',
        value: peak / MB,
        unit: 'MB',
        baseline: null,
        bar: '< 300 MB',
        pass: peak < 300 * MB && ok,
      },
    ];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
