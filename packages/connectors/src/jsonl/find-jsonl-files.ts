import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ConnError } from '@conn/setup-engine';

/** A JSONL file under a log directory. */
export interface JsonlFile {
  /** Absolute path, for reading. */
  path: string;
  /** Path segments below the root (`['-home-dev-app', '4f….jsonl']`), for naming what the file belongs to. */
  segments: string[];
}

/** The root's stats, or null when it does not exist; other failures (permissions) reject as they are. */
async function statOrNull(root: string): Promise<Stats | null> {
  try {
    return await stat(root);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/**
 * Lists every `*.jsonl` file below `root`, recursively, sorted by relative
 * path so runs read in the same order (date-named folders sort by date).
 * Rejects with `invalid_request` naming the path when `root` is missing or
 * not a directory; `source` names whose logs were expected ("Claude Code").
 *
 * @example
 * const files = await findJsonlFiles('/home/dev/.codex/sessions', 'Codex');
 */
export async function findJsonlFiles(root: string, source: string): Promise<JsonlFile[]> {
  const info = await statOrNull(root);
  if (info === null || !info.isDirectory()) {
    const problem = info === null ? 'that directory does not exist' : 'that is not a directory';
    throw new ConnError(
      'invalid_request',
      `No ${source} session logs at ${root}: ${problem}. Set the path to the folder where ${source} keeps its sessions.`,
      { path: root },
    );
  }
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.jsonl'))
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path, segments: relative(root, path).split(sep) };
    })
    .sort((a, b) => compare(a.segments.join('/'), b.segments.join('/')));
}

// Code-unit order, not locale order: the same files sort the same way on every device.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
