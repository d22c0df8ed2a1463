import { basename } from 'node:path';
import { BatchingEmitter } from '../batching-emitter';
import type { Collector } from '../implementation';
import { findJsonlFiles } from '../jsonl/find-jsonl-files';
import { readJsonLines } from '../jsonl/read-json-lines';
import { localCollectorRoot } from '../local-collector-root';
import { readCodexLine } from './codex-line';
import { CodexSession } from './codex-session';
import { codexManifest } from './manifest';
import { codexMessageRecord } from './message-record';

// `rollout-2025-03-14T09-12-05-5973b6c0-94b8-487b-a530-2aeb6098ae0e.jsonl` ends with the session id.
const fileSessionId = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/i;

function sessionIdOf(fileName: string): string {
  return fileSessionId.exec(fileName)?.[1] ?? basename(fileName, '.jsonl');
}

/**
 * Collects Codex CLI session logs from the device: every `*.jsonl` below the
 * connection's `path` field, or the manifest's default for this platform
 * (`~/.codex/sessions`, laid out as `YYYY/MM/DD/rollout-<time>-<id>.jsonl`),
 * in both the current and the older log format. Emits a `messages` record per
 * message item (keyed `<session id>:<line>`) and a `sessions` record per file
 * that holds a message (keyed by the session id), in batches of at most 500,
 * reading each file as a stream.
 *
 * Lines that are not JSON or not a Codex line of either format are skipped
 * and reported as `skipped` in progress; they never fail the run. Rejects
 * with `invalid_request` naming the directory when it does not exist, and
 * with the signal's reason when the run is cancelled.
 *
 * @example
 * const { counts } = await codexCollector({ fields: {}, secrets: {}, signal, fetch, emit, progress });
 * counts.sessions; // 87
 */
export const codexCollector: Collector = async (input) => {
  const root = localCollectorRoot(input.fields, codexManifest);
  const files = await findJsonlFiles(root, 'Codex');
  const batches = new BatchingEmitter(input).declare('sessions', 'messages');
  let skipped = 0;

  for (const file of files) {
    input.signal.throwIfAborted();
    const session = new CodexSession(sessionIdOf(file.path));
    for await (const entry of readJsonLines(file.path, input.signal)) {
      const line = entry.malformed ? null : readCodexLine(entry.value);
      if (line === null || line.kind === 'invalid') {
        skipped += 1;
        continue;
      }
      session.observe(line);
      if (line.kind !== 'item') continue;
      const message = codexMessageRecord(line.item, {
        sessionId: session.id,
        line: entry.line,
        timestamp: line.timestamp,
      });
      if (message === null) continue;
      session.countMessage();
      await batches.add('messages', message);
    }
    if (session.messageCount > 0) await batches.add('sessions', session.record());
    input.progress('sessions', { ...batches.counts(), skipped });
  }

  await batches.flush();
  return { counts: batches.counts() };
};
