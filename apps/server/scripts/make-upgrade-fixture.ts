/**
 * Makes the upgrade fixture once: the server as it was on main before the
 * release round (`baseCommit`) is built from git, started on SQLite and on
 * PostgreSQL, and driven over its own REST API against a loopback GitHub fake
 * — an owner, an agent token, an active GitHub connection with records and a
 * sealed credential, and a draft still waiting for its token. What that server
 * left behind (the SQLite file, a `pg_dump` of its schema, the key file it
 * generated) is written to `apps/server/test/fixtures/upgrade/`, where
 * `upgrade.e2e.test.ts` migrates it with today's code.
 *
 *   pnpm --filter @conn/server exec tsx scripts/make-upgrade-fixture.ts
 *
 * Needs git, pnpm, pg_dump and the PostgreSQL at CONN_TEST_POSTGRES_URL.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { startFakeGithub } from '../../../packages/connectors/test/github/fake-github';

const baseCommit = '96fa893a34dd91c9eee569fe362bcce1501001c1';
const root = resolve(import.meta.dirname, '../../..');
const out = join(root, 'apps/server/test/fixtures/upgrade');
const postgresUrl = process.env.CONN_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = 'conn_upgrade_fixture';
// Not a real token: the GitHub fake accepts it, and the test checks it opens again.
const token = 'ghp_upgradeFixtureToken0000000000000000';
const ownerPassword = 'owner-password-for-tests';

function run(command: string, args: string[], cwd: string): void {
  execFileSync(command, args, { cwd, stdio: 'inherit' });
}

/** Starts the old server and resolves with its URL once it listens. */
async function startOldServer(
  checkout: string,
  env: Record<string, string>,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [join(checkout, 'apps/server/dist/main.js')], {
    env: { ...process.env, CONN_HOST: '127.0.0.1', CONN_PORT: '0', CONN_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.pipe(process.stderr);
  const url = await new Promise<string>((done, fail) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match?.[1]) done(match[1]);
    });
    child.once('exit', (code) => fail(new Error(`the old server exited with ${code}:\n${seen}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

async function call(url: string, method: string, path: string, bearer?: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (response.status >= 400)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** The journey the fixture holds, through the old server's REST API. */
async function drive(url: string, apiUrl: string): Promise<{ active: string; draft: string }> {
  const login = await call(url, 'POST', '/v1/owner/login', undefined, {
    password: ownerPassword,
    mode: 'token',
  });
  const owner = login.session_token as string;
  await call(url, 'POST', '/v1/owner/agent-tokens', owner, { name: 'assistant' });
  const draft = await call(url, 'POST', '/v1/owner/connections/drafts', owner, {
    connector: 'github',
    fields: { api_url: apiUrl },
  });
  const active = draft.connection_id as string;
  await call(url, 'PUT', `/v1/owner/connections/${active}/credential`, owner, { token });
  for (let tries = 0; ; tries++) {
    const status = await call(url, 'GET', `/v1/owner/connections/${active}/setup-status`, owner);
    if (status.setup_state === 'active') break;
    if (tries > 200) throw new Error(`the first sync did not finish: ${JSON.stringify(status)}`);
    await new Promise((done) => setTimeout(done, 50));
  }
  const waiting = await call(url, 'POST', '/v1/owner/connections/drafts', owner, {
    connector: 'github',
    fields: { api_url: apiUrl },
  });
  return { active, draft: waiting.connection_id as string };
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'conn-upgrade-fixture-'));
  const checkout = join(work, 'checkout');
  await mkdir(checkout);
  execFileSync('sh', ['-c', `git -C "${root}" archive ${baseCommit} | tar -x -C "${checkout}"`]);
  run('pnpm', ['install', '--frozen-lockfile'], checkout);
  run('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@conn/server...'], checkout);

  const github = await startFakeGithub({ token });
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  try {
    const sqliteDir = join(work, 'sqlite');
    const sqlite = await startOldServer(checkout, {
      CONN_DATA_DIR: sqliteDir,
      CONN_OWNER_PASSWORD: ownerPassword,
    });
    const sqliteIds = await drive(sqlite.url, github.apiUrl);
    await sqlite.stop();
    // The server checkpoints its WAL on close: the one file holds everything.
    await copyFile(join(sqliteDir, 'conn.sqlite'), join(out, 'conn.sqlite'));
    await copyFile(join(sqliteDir, 'credential.key'), join(out, 'credential.key'));

    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.query(`create schema ${schema}`);
    const pgDir = join(work, 'postgres');
    await mkdir(pgDir);
    await copyFile(join(out, 'credential.key'), join(pgDir, 'credential.key'));
    const postgres = await startOldServer(checkout, {
      CONN_DATA_DIR: pgDir,
      CONN_DATABASE_URL: `${postgresUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      CONN_OWNER_PASSWORD: ownerPassword,
    });
    const postgresIds = await drive(postgres.url, github.apiUrl);
    await postgres.stop();
    const dump = execFileSync(
      'pg_dump',
      [
        '--schema',
        schema,
        '--no-owner',
        '--no-privileges',
        '--no-comments',
        '--inserts',
        postgresUrl,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    ).toString('utf8');
    // psql-only meta-commands (`\restrict`) would stop a plain client from running the file.
    const plain = dump
      .split('\n')
      .filter((line) => !line.startsWith('\\'))
      .join('\n');
    await writeFile(join(out, 'postgres.sql'), plain);
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();

    await writeFile(
      join(out, 'fixture.json'),
      `${JSON.stringify(
        {
          made_from: baseCommit,
          token,
          owner_password: ownerPassword,
          api_url: github.apiUrl,
          postgres_schema: schema,
          sqlite: sqliteIds,
          postgres: postgresIds,
        },
        null,
        2,
      )}\n`,
    );
    console.log(
      `upgrade fixture written to ${out} (${(await readFile(join(out, 'postgres.sql'))).length} bytes of SQL)`,
    );
  } finally {
    await github.close();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
