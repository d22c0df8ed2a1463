import { readFile, writeFile } from 'node:fs/promises';
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

describe('conn connect whatsapp --file', () => {
  let server: TestServer;
  let config: Awaited<ReturnType<typeof tempDir>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ dialect: 'sqlite' });
    config = await tempDir('conn-cli-upload-');
    env = cliEnv({ CONN_SERVER: server.url, CONN_CONFIG_DIR: config.path, HOME: config.path });
    await loginWithStdin(env, ownerPassword);
  });
  afterAll(async () => {
    await server?.dispose();
    await config?.dispose();
  });

  it('streams the export with a progress bar on a terminal, shows the evidence, imports and follows to active', async () => {
    const run = startConn(['connect', 'whatsapp', '--file', chat], { env, pty: true });
    const result = await run.done;
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(
      /Uploading WhatsApp Chat with Family\.txt \[#+\] 100% {2}[\d.]+ \S+ of [\d.]+ \S+/,
    );
    expect(result.stdout).toMatch(/Uploaded WhatsApp Chat with Family\.txt \([\d.]+ \S+\)\./);
    expect(result.stdout).toMatch(/Found: .*\b\d+ messages/);
    expect(result.stdout).toMatch(/Active — \d+ records collected\./);
  });

  it('refuses a file the connector does not accept before sending it, and says what it takes', async () => {
    const wrong = await conn(['connect', 'whatsapp', '--file', join(repoRoot, 'package.json')], {
      env,
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(
      /^error: package\.json is not an accepted file \(.+\)\. \(invalid_request\)\n$/,
    );
    const none = await conn(['connect', 'whatsapp'], { env });
    expect(none.stderr).toMatch(/pass it with --file PATH\. \(invalid_request\)\n$/);
  });

  it('imports without a terminal too, and the same file again is refused as a duplicate', async () => {
    const again = await conn(['connect', 'whatsapp', '--file', chat, '--label', 'Family again'], {
      env,
    });
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('Uploaded WhatsApp Chat with Family.txt');
    expect(again.stderr).toMatch(/already uploaded.*\(artifact_invalid\)\n$/);
  });

  it('lists the uploads newest first with their status, as text and as the REST JSON', async () => {
    const text = await conn(['uploads'], { env });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /^WhatsApp Chat with Family\.txt {2}art_\S+ {2}whatsapp {2}\S+ \S+ {2}duplicate — You already uploaded this exact file.*\nWhatsApp Chat with Family\.txt {2}art_\S+ {2}whatsapp {2}\S+ \S+ {2}imported\n$/,
    );
    const json = await conn(['uploads', '--limit', '1', '--json'], { env });
    const body = JSON.parse(json.stdout) as { uploads: { status: string }[] };
    expect(body.uploads.map((upload) => upload.status)).toEqual(['duplicate']);
    const bad = await conn(['uploads', '--limit', '0'], { env });
    expect(bad.code).not.toBe(0);
  });

  it('shows how it read the dates, and reads them the way --reading picks', async () => {
    const team = join(
      repoRoot,
      'packages/connectors/test/fixtures/whatsapp/android-zip/WhatsApp Chat with Team.txt',
    );
    const picked = await conn(
      ['connect', 'whatsapp', '--file', team, '--reading', 'date_order=month_first'],
      { env },
    );
    expect(picked.code, picked.stderr).toBe(0);
    expect(picked.stdout).toContain(
      'Reading it as you asked: Month first (05/01/2024 is 1 May 2024).',
    );
    const bad = await conn(['connect', 'whatsapp', '--file', team, '--reading', 'month_first'], {
      env,
    });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--reading name=value');
  });

  it('asks on a terminal how to read the dates, the guess first, and imports the pick', async () => {
    const dir = await tempDir('conn-cli-reading-');
    try {
      const team = join(
        repoRoot,
        'packages/connectors/test/fixtures/whatsapp/android-zip/WhatsApp Chat with Team.txt',
      );
      const copy = join(dir.path, 'WhatsApp Chat with Team.txt');
      await writeFile(copy, `${await readFile(team, 'utf8')}01/02/2024, 09:00 - Ben: Later\n`);
      const run = startConn(['connect', 'whatsapp', '--file', copy], { env, pty: true });
      // Only the prompt lists the guess itself among the options.
      await run.waitFor('Day first (05/01/2024 is 5 January 2024)');
      run.send('\u001b[B');
      run.send('\r');
      const result = await run.done;
      expect(result.code, result.stdout).toBe(0);
      expect(result.stdout).toContain('Read 05/01/2024 as 5 January 2024');
      expect(result.stdout).toMatch(/Active — \d+ records collected\./);
    } finally {
      await dir.dispose();
    }
  });
});
