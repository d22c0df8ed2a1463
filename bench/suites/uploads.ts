import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { whatsappVideoExport } from '../fixtures/whatsapp-video-export';
import { median } from '../median';
import { postUpload, uploadHeaders } from '../post-upload';
import { ProcessPeakRss } from '../process-peak-rss';
import { bundleBareUploadServer } from '../processes/bundle-bare-upload-server';
import { type ServerProcess, startServerProcess } from '../processes/server-process';
import type { BenchFigure } from '../report';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const MB = 1000 ** 2;
const LARGE_RUNS = 3;
/**
 * 1 GiB pairs (conn and bare back to back, order alternating): the disk's own
 * noise needs a few. Fewer only for a quick look (`CONN_BENCH_PAIRS`).
 */
const THROUGHPUT_PAIRS = Number(process.env.CONN_BENCH_PAIRS ?? 5);
const OWNER_PASSWORD = 'benchmark-owner-password';

interface BareServer {
  url: string;
  child: ChildProcess;
}

/** Starts the bare baseline (bundled, plain `node`, no flags) in a child process and waits for its URL. */
async function startBareServer(script: string, dir: string): Promise<BareServer> {
  await mkdir(dir, { recursive: true });
  const child = spawn(process.execPath, [script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(() => {
      throw new Error('the bare upload server exited before listening');
    }),
  ])) as [string];
  lines.close();
  const { url } = JSON.parse(line) as { url: string };
  return { url, child };
}

async function stopBareServer(server: BareServer | null): Promise<void> {
  if (server === null || server.child.exitCode !== null) return;
  const exited = once(server.child, 'exit');
  server.child.kill('SIGTERM');
  await exited;
}

async function ownerToken(url: string): Promise<string> {
  const login = await fetch(`${url}/v1/owner/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: OWNER_PASSWORD, mode: 'token' }),
  });
  return ((await login.json()) as { session_token: string }).session_token;
}

/** Writes dirty pages out between measurements, so no upload pays for the previous one's writeback. */
function flushDisk(): void {
  spawnSync('sync');
}

/** One WhatsApp export of `bytes` through conn-server: throughput, peak RSS and the artifact's status. */
async function connUpload(conn: ServerProcess, token: string, bytes: number) {
  const body = whatsappVideoExport(bytes);
  flushDisk();
  const peak = new ProcessPeakRss(conn.pid).start();
  const sent = await postUpload(
    `${conn.url}/v1/owner/uploads?connector=whatsapp`,
    body.stream(),
    uploadHeaders(token, 'WhatsApp Chat with Bench.zip'),
  );
  const rss = peak.stop();
  return {
    mbPerS: body.size / MiB / (sent.ms / 1000),
    rss,
    staged:
      sent.status === 201 && sent.json.status === 'staged' && sent.json.size_bytes === body.size,
    watermark: peak.usesWatermark,
  };
}

async function bareUpload(bare: BareServer, bytes: number) {
  const body = whatsappVideoExport(bytes);
  flushDisk();
  const sent = await postUpload(bare.url, body.stream(), {});
  return { mbPerS: body.size / MiB / (sent.ms / 1000), ok: sent.json.size_bytes === body.size };
}

/**
 * Uploads through conn-server as shipped (the built `apps/server/dist/main.js`
 * under plain `node`, no V8 flags, as `pnpm start` and the bin run it): a 1 GiB WhatsApp export
 * (stream, hash, stage, validate) against a bare node:http server piping the
 * same body to disk with SHA-256 in the same run, the server's peak RSS at
 * 100 MiB and 1 GiB (the Timeline import is the `timeline` suite's). Peaks are the
 * child's kernel high-water mark (reset per measurement) or, where Linux does
 * not allow the reset, 20 ms samples of its VmRSS.
 */
export async function uploadsSuite(): Promise<BenchFigure[]> {
  const root = await mkdtemp(join(tmpdir(), 'conn-bench-uploads-'));
  let bare: BareServer | null = null;
  let conn: ServerProcess | null = null;
  try {
    bare = await startBareServer(await bundleBareUploadServer(), join(root, 'bare'));
    conn = await startServerProcess(
      {
        CONN_DATA_DIR: join(root, 'conn'),
        CONN_PORT: '0',
        CONN_OWNER_PASSWORD: OWNER_PASSWORD,
        CONN_LOG_LEVEL: 'warn',
      },
      { from: 'build' },
    );
    const token = await ownerToken(conn.url);

    // Warm both up (JIT, the allocator's steady state, first writes) as a running server is.
    await bareUpload(bare, 256 * MiB);
    await connUpload(conn, token, 256 * MiB);

    // Peaks are the highest of LARGE_RUNS at either size, so both sizes get the same chances.
    const smallRuns: Awaited<ReturnType<typeof connUpload>>[] = [];
    for (let run = 0; run < LARGE_RUNS; run += 1)
      smallRuns.push(await connUpload(conn, token, 100 * MiB));
    const small = {
      rss: Math.max(...smallRuns.map((run) => run.rss)),
      staged: smallRuns.every((run) => run.staged),
      watermark: smallRuns.every((run) => run.watermark),
    };
    const bareRuns: number[] = [];
    const connRuns: Awaited<ReturnType<typeof connUpload>>[] = [];
    const pairRatios: number[] = [];
    let bareOk = true;
    for (let pair = 0; pair < THROUGHPUT_PAIRS; pair += 1) {
      const connFirst = pair % 2 === 1;
      const early = connFirst ? await connUpload(conn, token, GiB) : null;
      const baseline = await bareUpload(bare, GiB);
      const measured = early ?? (await connUpload(conn, token, GiB));
      bareOk &&= baseline.ok;
      bareRuns.push(baseline.mbPerS);
      connRuns.push(measured);
      pairRatios.push(measured.mbPerS / baseline.mbPerS);
    }
    const connMbPerS = median(connRuns.map((run) => run.mbPerS));
    const bareMbPerS = median(bareRuns);
    const ratio = median(pairRatios);
    const largeRss = Math.max(...connRuns.slice(0, LARGE_RUNS).map((run) => run.rss));
    const allStaged = small.staged && connRuns.every((run) => run.staged);
    const spread = Math.abs(largeRss - small.rss) / Math.min(largeRss, small.rss);
    const how = small.watermark ? 'VmHWM' : 'sampled VmRSS';

    return [
      {
        suite: 'uploads',
        name: '1 GiB upload, shipped build (stream, hash, stage) / bare node:http pipe + sha256',
        measure: `throughput ratio, median of ${THROUGHPUT_PAIRS} back-to-back pairs`,
        value: ratio,
        unit: '×',
        baseline: Math.round(bareMbPerS),
        bar: '≥ 0.8×',
        pass: ratio >= 0.8 && allStaged && bareOk,
      },
      {
        suite: 'uploads',
        name: '1 GiB upload throughput, shipped build',
        measure: 'MiB/s',
        value: connMbPerS,
        unit: 'MiB/s',
        baseline: bareMbPerS,
        bar: 'report',
        pass: allStaged,
      },
      {
        suite: 'uploads',
        name: `server peak RSS, 100 MiB upload, highest of ${LARGE_RUNS} (shipped build, plain node, ${how})`,
        measure: 'peak RSS',
        value: small.rss / MB,
        unit: 'MB',
        baseline: null,
        bar: '< 200 MB',
        pass: small.rss < 200 * MB,
      },
      {
        suite: 'uploads',
        name: `server peak RSS, 1 GiB upload, highest of ${LARGE_RUNS} (shipped build, plain node, ${how})`,
        measure: 'peak RSS',
        value: largeRss / MB,
        unit: 'MB',
        baseline: small.rss / MB,
        bar: '< 200 MB and within 20 % of 100 MiB',
        pass: largeRss < 200 * MB && spread <= 0.2,
      },
    ];
  } finally {
    await conn?.stop();
    await stopBareServer(bare);
    await rm(root, { recursive: true, force: true });
  }
}
