import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { chromiumPath, ensureChromium } from '../../packages/console/test/ensure-chromium';
import { startServerProcess } from '../processes/server-process';
import type { BenchFigure } from '../report';

const consoleRoot = join(import.meta.dirname, '../../packages/console');
const password = 'bench-console-owner-password';
const CONNECTIONS = 1_000;
const NEEDING_ATTENTION = 20;
const LOADS = 5;

/** The JavaScript a first visit loads: the entry script and what it preloads, each gzipped. */
async function firstLoadJsGzipBytes(): Promise<number> {
  const dist = join(consoleRoot, 'dist');
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const scripts = [
    ...html.matchAll(/<script[^>]+src="\/console\/([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/console\/([^"]+\.js)"/g),
  ].map((match) => match[1] ?? '');
  let total = 0;
  for (const script of scripts) total += gzipSync(await readFile(join(dist, script))).length;
  return total;
}

/** `count` GitHub connections of the one owner, each with a finished sync, some needing attention. */
function seed(databasePath: string, count: number): void {
  const db = new Database(databasePath);
  const owner = db.prepare('select id from owners').get() as { id: string };
  const now = Date.parse('2030-01-01T00:00:00Z');
  const connection = db.prepare(
    `insert into connections (id, owner_id, connector, modality, status, label, account_id, account_label, fields_json,
       source_binding, unproven, expires_at, retired_at, retired_reason, activated_at, revoked_at, created_at, updated_at)
     values (?, ?, 'github', 'static_secret', ?, ?, null, null, '{}', null, 0, null, null, null, ?, null, ?, ?)`,
  );
  const run = db.prepare(
    `insert into runs (id, connection_id, kind, status, stage, records_accepted, records_rejected, error_code, error_message,
       payload_json, claimed_by, claimed_at, heartbeat_at, attempts, created_at, started_at, finished_at)
     values (?, ?, 'sync', 'succeeded', 'done', 10, 0, null, null, '{}', null, null, null, 1, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let c = 0; c < count; c++) {
      const at = new Date(now + c * 1000).toISOString();
      const status = c < NEEDING_ATTENTION ? 'needs_attention' : 'active';
      connection.run(`con_bench${c}`, owner.id, status, `account ${c}`, at, at, at);
      run.run(`run_bench${c}`, `con_bench${c}`, at, at, at);
    }
  })();
  db.close();
}

/**
 * Runs in the page: the time since navigation once the repair inbox and the
 * source card (with every connection counted) are rendered and the card's
 * first button is enabled, else null. A function, not a string: the
 * console's CSP forbids eval.
 */
function interactiveAt(expected: string): number | null {
  const card = document.getElementById('source-github')?.closest('li');
  const button = card?.querySelector('button');
  const inbox = document.getElementById('repair-inbox-heading');
  const all = card?.textContent?.includes(expected) === true;
  return all && inbox !== null && button != null && !button.disabled ? performance.now() : null;
}

/**
 * The console in Chromium: first-load JavaScript gzipped (bar < 200 KB), and
 * from navigation to an interactive Sources page with 1,000 connections in
 * the store (bar < 1 s), median of five loads, each in a fresh browser
 * context (a cold cache) with a signed-in session.
 */
export async function consoleSuite(): Promise<BenchFigure[]> {
  ensureChromium();
  await build({
    root: consoleRoot,
    configFile: join(consoleRoot, 'vite.config.ts'),
    logLevel: 'warn',
  });
  const jsBytes = await firstLoadJsGzipBytes();

  const dataDir = await mkdtemp(join(tmpdir(), 'conn-bench-console-'));
  const server = await startServerProcess({
    CONN_DATA_DIR: dataDir,
    CONN_PORT: '0',
    CONN_OWNER_PASSWORD: password,
    CONN_LOG_LEVEL: 'warn',
  });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  try {
    seed(join(dataDir, 'conn.sqlite'), CONNECTIONS);
    const signIn = await browser.newContext();
    const first = await signIn.newPage();
    await first.goto(`${server.url}/console/`);
    await first.getByLabel('Owner password').fill(password);
    await first.getByLabel('Owner password').press('Enter');
    await first.getByRole('heading', { name: 'Sources', exact: true }).waitFor();
    const cookies = await signIn.cookies();
    await signIn.close();

    const times: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext();
      await context.addCookies(cookies);
      const page = await context.newPage();
      await page.goto(`${server.url}/console/`, { waitUntil: 'commit' });
      const ready = await page.waitForFunction(
        interactiveAt,
        `${CONNECTIONS.toLocaleString('en-US')} connections`,
        {
          timeout: 30_000,
          polling: 'raf',
        },
      );
      times.push(Number(await ready.jsonValue()));
      await context.close();
    }
    times.sort((a, b) => a - b);
    process.stderr.write(
      `bench: console: Sources interactive after ${times.map(Math.round).join(', ')} ms\n`,
    );
    const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
    return [
      {
        suite: 'console',
        name: 'first-load JavaScript, gzipped',
        measure: 'bytes',
        value: Math.round(jsBytes / 1000),
        unit: 'KB',
        baseline: null,
        bar: '< 200 KB',
        pass: jsBytes < 200_000,
      },
      {
        suite: 'console',
        name: `navigation to an interactive Sources page, ${CONNECTIONS.toLocaleString('en-US')} connections (median of ${LOADS} cold loads)`,
        measure: 'time',
        value: Math.round(median),
        unit: 'ms',
        baseline: null,
        bar: '< 1,000 ms',
        pass: median < 1000,
      },
    ];
  } finally {
    await browser.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
