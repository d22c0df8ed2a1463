import { ConnClient } from '@conn/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ownerPassword,
  startTestServer,
  type TestServer,
} from '../../../apps/server/test/test-server';
import { cliEnv, conn, loginWithStdin, startConn, tempDir } from './cli-harness';

describe('conn events', () => {
  let server: TestServer;
  let home: Awaited<ReturnType<typeof tempDir>>;
  let env: Record<string, string>;
  let owner: ConnClient;

  beforeAll(async () => {
    server = await startTestServer({ dialect: 'sqlite' });
    home = await tempDir('conn-cli-events-');
    env = cliEnv({ CONN_SERVER: server.url, CONN_CONFIG_DIR: home.path, HOME: home.path });
    await loginWithStdin(env, ownerPassword);
    owner = new ConnClient({ baseUrl: server.url, token: await server.login() });
  });
  afterAll(async () => {
    await server?.dispose();
    await home?.dispose();
  });

  /** The newest event id: commands started with `--after` it see what follows, however slowly they start. */
  const tail = async () => {
    let after = 0;
    for (;;) {
      const page = await owner.eventPage({ after });
      if (page.items.length === 0) return after;
      after = page.next_after;
    }
  };

  it('prints each event as it happens in owner words, with local times, until Ctrl-C', async () => {
    const watching = startConn(['events', '--after', String(await tail())], { env });
    const draft = await owner.createDraft({ connector: 'github', fields: {} });
    const line = await watching.waitFor(/^.*Setup started\..*$/m, 10_000);
    expect(line[0]).toMatch(/^\d{2}:\d{2}:\d{2} {2}GitHub {2}con_\S+ {2}Setup started\. {2}/);
    expect(line[0]).toContain(draft.connection_id);
    expect(line[0]).toContain('Waiting for the owner to enter the credential.');
    // Owner copy: no raw event type, no raw setup state.
    expect(watching.output().stdout).not.toMatch(/draft_created|awaiting_credential/);
    watching.child.kill('SIGINT');
    const result = await watching.done;
    expect(result.code).toBe(130);
    expect(result.stderr.trim()).toBe('error: Stopped.');
  });

  it('prints JSON lines for one connection with --json --connection', async () => {
    const mine = await owner.createDraft({ connector: 'github', fields: {} });
    const watching = startConn(
      ['events', '--json', '--connection', mine.connection_id, '--after', String(await tail())],
      { env },
    );
    await owner.createDraft({ connector: 'github', fields: {} });
    await owner.abandonEnrollment(mine.connection_id);
    const line = await watching.waitFor(/^\{.*\}$/m, 10_000);
    const event = JSON.parse(line[0]) as { type: string; connection_id: string };
    expect(event).toMatchObject({
      type: 'connection_abandoned',
      connection_id: mine.connection_id,
    });
    watching.child.kill('SIGINT');
    expect((await watching.done).stdout.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a bad --after and an unknown connection in one line', async () => {
    const bad = await conn(['events', '--after', 'soon'], { env });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('give an event id');
    const unknown = await conn(['events', '--connection', 'con_nope'], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain('connection_not_found');
  });
});
