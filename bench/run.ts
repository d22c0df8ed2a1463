import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchDatabase } from './bench-database';
import { type BenchFigure, toMarkdown } from './report';
import { consoleSuite } from './suites/console';
import { eventsSuite } from './suites/events';
import { fuzzSuite } from './suites/fuzz';
import { githubIncrementalSuite } from './suites/github-incremental';
import { ingestSuite } from './suites/ingest';
import { plannerSuite } from './suites/planner';
import { restSuite } from './suites/rest';
import { setupStatusRecordsSuite } from './suites/setup-status-records';
import { setupStatusScaleSuite } from './suites/setup-status-scale';
import { timelineSuite } from './suites/timeline';
import { uploadsSuite } from './suites/uploads';
import { vaultSuite } from './suites/vault';
import { whatsappParseSuite } from './suites/whatsapp-parse';

/** Every benchmark suite, in report order. `pnpm bench <name>…` runs a subset. */
const suites: Record<string, (options: { db: BenchDatabase }) => Promise<BenchFigure[]>> = {
  planner: plannerSuite,
  vault: vaultSuite,
  ingest: ingestSuite,
  'setup-status': setupStatusScaleSuite,
  'setup-status-records': setupStatusRecordsSuite,
  rest: restSuite,
  uploads: uploadsSuite,
  timeline: timelineSuite,
  'whatsapp-parse': whatsappParseSuite,
  events: eventsSuite,
  'github-incremental': githubIncrementalSuite,
  fuzz: fuzzSuite,
  console: consoleSuite,
};

const args = process.argv.slice(2);
const dbAt = args.indexOf('--db');
const db: BenchDatabase = dbAt >= 0 && args[dbAt + 1] === 'postgres' ? 'postgres' : 'sqlite';
if (dbAt >= 0) args.splice(dbAt, 2);
const wanted = args;
const selected = Object.entries(suites).filter(
  ([name]) => wanted.length === 0 || wanted.includes(name),
);
const figures: BenchFigure[] = [];
for (const [name, suite] of selected) {
  process.stderr.write(`bench: ${name}…\n`);
  figures.push(...(await suite({ db })));
}

const here = dirname(fileURLToPath(import.meta.url));
mkdirSync(here, { recursive: true });
const meta = { node: process.version, date: new Date().toISOString(), db };
writeFileSync(join(here, 'results.json'), `${JSON.stringify({ ...meta, figures }, null, 2)}\n`);
const markdown = toMarkdown(figures, meta);
writeFileSync(join(here, 'results.md'), markdown);
process.stdout.write(markdown);
const failed = figures.filter((f) => !f.pass);
if (failed.length > 0) {
  process.stderr.write(`bench: ${failed.length} figure(s) miss their bar\n`);
  process.exitCode = 1;
}
