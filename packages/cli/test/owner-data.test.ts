import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ownerPassword,
  startTestServer,
  type TestServer,
} from '../../../apps/server/test/test-server';
import { cliEnv, conn, loginWithStdin, repoRoot, startConn, tempDir } from './cli-harness';

const chat = join(
  repoRoot,
  'packages/connectors/test/fixtures/whatsapp/android-txt/WhatsApp Chat with Family.txt',
);
const idPattern = /\b(con_[A-Za-z0-9]+)\b/;

describe('conn runs, undo, cancel and delete', () => {
  let server: TestServer;
  let config: Awaited<ReturnType<typeof tempDir>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ dialect: 'sqlite' });
    config = await tempDir('conn-cli-data-');
    env = cliEnv({ CONN_SERVER: server.url, CONN_CONFIG_DIR: config.path, HOME: config.path });
    await loginWithStdin(env, ownerPassword);
  });
  afterAll(async () => {
    await server?.dispose();
    await config?.dispose();
  });

  /** Imports the chat as a new source; resolves its id and its import's id. */
  async function importChat(label: string) {
    const imported = await conn(['connect', 'whatsapp', '--file', chat, '--label', label], { env });
    expect(imported.code, imported.stderr).toBe(0);
    const listed = await conn(['connections', '--json'], { env });
    const id = (JSON.parse(listed.stdout).items as { connection_id: string; label: string }[]).find(
      (item) => item.label === label,
    )?.connection_id;
    expect(id).toMatch(idPattern);
    const runs = JSON.parse((await conn(['runs', id ?? '', '--json'], { env })).stdout);
    return { id: id ?? '', runId: runs.items[0].id as string };
  }

  it('lists runs in words, undoes an import with --yes, and refuses a second undo', async () => {
    const { id, runId } = await importChat('Family undo');
    const words = await conn(['runs', id], { env });
    expect(words.code).toBe(0);
    expect(words.stdout).toMatch(
      new RegExp(`^${runId}  Import  Finished  \\d+ records  .+\\)\\n$`),
    );

    const scripted = await conn(['undo', id, runId], { env });
    expect(scripted.code).toBe(1);
    expect(scripted.stderr).toMatch(/add --yes to go ahead\. \(invalid_request\)\n$/);

    const undone = await conn(['undo', id, runId, '--yes', '--json'], { env });
    expect(undone.code, undone.stderr).toBe(0);
    expect(JSON.parse(undone.stdout)).toMatchObject({ records_total: 0, run: { id: runId } });
    expect((await conn(['runs', id], { env })).stdout).toMatch(/\(undone\)\n$/);
    const again = await conn(['undo', id, runId, '--yes'], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already undone\. \(run_not_undoable\)\n$/);

    const cancel = await conn(['cancel', id, runId], { env });
    expect(cancel.code).toBe(1);
    expect(cancel.stderr).toMatch(/already finished\. \(run_not_claimable\)\n$/);
  });

  it('deletes a source once the owner typed its name on a terminal', async () => {
    const { id } = await importChat('Family delete');
    const wrong = startConn(['delete', id], { env, pty: true });
    await wrong.waitFor('Type its name to confirm');
    wrong.send('Family\r');
    const refused = await wrong.done;
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toMatch(/confirmation_mismatch/);
    expect((await conn(['status', id], { env })).code).toBe(0);

    const run = startConn(['delete', id], { env, pty: true });
    await run.waitFor('Type its name to confirm');
    run.send('Family delete\r');
    const result = await run.done;
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(
      /Deleted Family delete: \d+ records and (\d+|no) files? removed\./,
    );
    const gone = await conn(['status', id], { env });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/\(connection_not_found\)\n$/);
  });

  it('deletes with --yes for scripts', async () => {
    const { id } = await importChat('Family scripted');
    const deleted = await conn(['delete', id, '--yes', '--json'], { env });
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(JSON.parse(deleted.stdout)).toMatchObject({ connection_id: id, runs_deleted: 1 });
  });
});
