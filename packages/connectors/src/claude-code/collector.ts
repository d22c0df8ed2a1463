import { basename } from 'node:path';
import { BatchingEmitter } from '../batching-emitter';
import type { Collector } from '../implementation';
import { findJsonlFiles } from '../jsonl/find-jsonl-files';
import { readJsonLines } from '../jsonl/read-json-lines';
import { localCollectorRoot } from '../local-collector-root';
import { ClaudeCodeLineSchema } from './claude-code-line';
import { ClaudeCodeSession } from './claude-code-session';
import { claudeCodeManifest } from './manifest';
import { claudeCodeMessageRecord } from './message-record';

const messageTypes = new Set(['user', 'assistant']);

/**
 * Collects Claude Code's session logs from the device: every
 * `<root>/<project-dir>/<session-id>.jsonl` under the connection's `path`
 * field, or the manifest's default for this platform (`~/.claude/projects`).
 * Emits a `messages` record per user/assistant line (keyed by its `uuid`) and
 * a `sessions` record per file that holds a message (keyed by the file's
 * session id), in batches of at most 500, reading each file as a stream.
 *
 * Lines that are not JSON, or are message lines without a uuid, are skipped
 * and reported as `skipped` in progress; they never fail the run. Rejects
 * with `invalid_request` naming the directory when it does not exist, and
 * with the signal's reason when the run is cancelled.
 *
 * @example
 * const { counts } = await claudeCodeCollector({ fields: {}, secrets: {}, signal, fetch, emit, progress });
 * counts.messages; // 1834
 */
export const claudeCodeCollector: Collector = async (input) => {
  const root = localCollectorRoot(input.fields, claudeCodeManifest);
  // Claude Code writes one level of project folders; deeper files are not session logs of this layout.
  const files = (await findJsonlFiles(root, 'Claude Code')).filter(
    (file) => file.segments.length === 2,
  );
  const batches = new BatchingEmitter(input).declare('sessions', 'messages');
  let skipped = 0;

  for (const file of files) {
    input.signal.throwIfAborted();
    const [project = '', name = ''] = file.segments;
    const session = new ClaudeCodeSession(basename(name, '.jsonl'), project);
    for await (const entry of readJsonLines(file.path, input.signal)) {
      const parsed = entry.malformed ? null : ClaudeCodeLineSchema.safeParse(entry.value);
      if (parsed === null || !parsed.success) {
        skipped += 1;
        continue;
      }
      const line = parsed.data;
      session.observe(line);
      if (!messageTypes.has(line.type)) continue;
      const message = claudeCodeMessageRecord(line, session.id);
      if (message === null) {
        skipped += 1;
        continue;
      }
      session.countMessage();
      await batches.add('messages', message);
    }
    if (session.messageCount > 0) await batches.add('sessions', session.record());
    input.progress('sessions', { ...batches.counts(), skipped });
  }

  await batches.flush();
  return { counts: batches.counts() };
};
