import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createBundledRegistry } from '@conn/connectors';
import { median } from '../median';
import type { BenchFigure } from '../report';

const messages = 400_000;
const pairs = 5;
const fileName = 'WhatsApp Chat with Bench.txt';
const importer = createBundledRegistry().require('whatsapp').importer;

/** An Android-style export: two people, multi-line messages, media markers and a system line now and then. */
async function writeChat(path: string): Promise<void> {
  const out = createWriteStream(path);
  const start = Date.UTC(2023, 0, 1, 8, 0);
  out.write('01/01/2023, 08:00 - Messages and calls are end-to-end encrypted.\n');
  for (let i = 0; i < messages; i++) {
    const at = new Date(start + i * 47_000);
    const day = String(at.getUTCDate()).padStart(2, '0');
    const month = String(at.getUTCMonth() + 1).padStart(2, '0');
    const time = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
    const who = i % 3 === 0 ? 'Ada Lovelace' : 'Charles Babbage';
    const body =
      i % 50 === 0
        ? '<Media omitted>'
        : i % 7 === 0
          ? `A longer thought, number ${i},\nwhich goes on to a second line\nand a third.`
          : `Message ${i}: see you at the engine room at ${time}?`;
    if (!out.write(`${day}/${month}/${at.getUTCFullYear()}, ${time} - ${who}: ${body}\n`)) {
      await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
}

/** The baseline: the same file read and split into lines, nothing else. */
async function lineSplit(path: string): Promise<number> {
  let lines = 0;
  for await (const _line of createInterface({ input: createReadStream(path), crlfDelay: Infinity }))
    lines++;
  return lines;
}

/** The importer over the same file, its records handed to a sink that keeps nothing. */
async function importChat(path: string): Promise<number> {
  if (importer === undefined) throw new Error('the bundled WhatsApp connector has no importer');
  const { counts } = await importer({
    files: [{ path, file_name: fileName }],
    signal: new AbortController().signal,
    blobs: {
      put: async () => {
        throw new Error('a .txt export has no media to store');
      },
    },
    emit: async () => {},
    progress: () => {},
  });
  return counts.messages ?? 0;
}

async function timed(task: () => Promise<number>): Promise<number> {
  const started = performance.now();
  await task();
  return performance.now() - started;
}

/**
 * WhatsApp parse throughput: the importer (line grammar, date order, markers,
 * multi-line messages, record building) over a generated 400,000-message
 * export vs a bare readline split of the same file, median of five
 * interleaved pairs. The importer reads a file twice by design: the date
 * order is decided over every line before the first timestamp is written.
 */
export async function whatsappParseSuite(): Promise<BenchFigure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'conn-bench-whatsapp-'));
  try {
    const path = join(dir, fileName);
    await writeChat(path);
    const { size } = await stat(path);
    const imported = await importChat(path);
    // The encryption notice is a system message: one more than the people wrote.
    if (imported !== messages + 1) {
      throw new Error(`the importer read ${imported} of ${messages + 1} messages`);
    }
    const ratios: number[] = [];
    const bareMbps: number[] = [];
    for (let pair = 0; pair < pairs; pair++) {
      const bare = await timed(() => lineSplit(path));
      const conn = await timed(() => importChat(path));
      ratios.push(bare / conn);
      bareMbps.push(size / 1e6 / (bare / 1000));
    }
    const ratio = median(ratios);
    return [
      {
        suite: 'whatsapp-parse',
        name: `import of a ${(size / 1e6).toFixed(0)} MB chat export / bare line split (MB/s)`,
        measure: 'throughput ratio',
        value: ratio,
        unit: '×',
        baseline: Math.round(median(bareMbps)),
        // quality.md names no bar for this one: a floor against regressions, at the figure it had when it landed.
        bar: '≥ 0.02×',
        pass: ratio >= 0.02,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
