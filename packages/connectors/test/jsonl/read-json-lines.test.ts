import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type JsonLine, readJsonLines } from '../../src/jsonl/read-json-lines';

let scratch: string;

beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'conn-jsonl-'));
});

afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function readAll(path: string, signal?: AbortSignal): Promise<JsonLine[]> {
  const lines: JsonLine[] = [];
  for await (const line of readJsonLines(path, signal)) lines.push(line);
  return lines;
}

describe('readJsonLines', () => {
  it('yields each line with its physical line number, skipping blanks, CRLF or not', async () => {
    const path = join(scratch, 'log.jsonl');
    await writeFile(path, '{"a":1}\r\n\r\n{"b":2}\nnot json\n{"c":3}');
    expect(await readAll(path)).toEqual([
      { line: 1, malformed: false, value: { a: 1 } },
      { line: 3, malformed: false, value: { b: 2 } },
      { line: 4, malformed: true },
      { line: 5, malformed: false, value: { c: 3 } },
    ]);
  });

  it('rejects a file that cannot be opened', async () => {
    await expect(readAll(join(scratch, 'missing.jsonl'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('rejects once the signal is aborted', async () => {
    const path = join(scratch, 'log.jsonl');
    await writeFile(path, '{"a":1}\n{"b":2}\n');
    await expect(readAll(path, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
  });
});
