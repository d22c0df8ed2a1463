import { readFile } from 'node:fs/promises';
import { consoleSession } from '@conn/setup-engine';
import { type Database, openStore, type Store } from '@conn/store';
import { ownerPassword, type TestServer } from '../test-server';

/** The credentials a fuzz case may present, and what each is. */
export interface FuzzCredentials {
  owner: string;
  agent: string;
  collector: string;
  /** The console's cookie header and the CSRF token that goes with it. */
  cookie: string;
  csrf: string;
}

/**
 * A server prepared for fuzzing: tokens of every principal, ids that exist
 * (so cases reach past "not found"), and a way to count every table's rows.
 */
export interface FuzzTarget {
  url: string;
  credentials: FuzzCredentials;
  /** Existing values for each path parameter name (`id`, `delivery_id`, `key`, `group`). */
  params: Record<string, readonly string[]>;
  /** Row counts of every table, to tell whether a refused request wrote anything. */
  countRows(): Promise<Record<string, number>>;
  /**
   * Waits until work a success set off has landed — no count changing for
   * 150 ms, at most 3 s — and resolves the counts then.
   */
  settle(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

const familyFixture = new URL(
  '../../../../packages/connectors/test/fixtures/whatsapp/android-txt/WhatsApp Chat with Family.txt',
  import.meta.url,
);

async function call(
  t: TestServer,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
  // biome-ignore lint/suspicious/noExplicitAny: setup answers are read field by field.
): Promise<any> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${t.url}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  if (response.status >= 300)
    throw new Error(`fuzz setup: ${method} ${path} → ${response.status} ${text}`);
  return text === '' ? null : JSON.parse(text);
}

/**
 * Logs in (token and cookie), mints an agent token and a spare one to
 * revoke, enrolls a Claude Code collector, opens a GitHub draft, stages a
 * WhatsApp upload and registers a webhook: the ids every route can be aimed at.
 */
export async function prepareFuzzTarget(t: TestServer): Promise<FuzzTarget> {
  const owner = await t.login();
  const cookieLogin = await fetch(`${t.url}/v1/owner/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: ownerPassword }),
  });
  const cookies = cookieLogin.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const csrf =
    cookies.find((c) => c.startsWith(`${consoleSession.csrfCookie}=`))?.split('=')[1] ?? '';
  const agent = (
    await call(t, 'POST', '/v1/owner/agent-tokens', { token: owner, body: { name: 'fuzz' } })
  ).token as string;
  const spare = await call(t, 'POST', '/v1/owner/agent-tokens', {
    token: owner,
    body: { name: 'spare' },
  });
  const intent = await call(t, 'POST', '/v1/owner/connections/intents', {
    token: owner,
    body: { connector: 'claude-code' },
  });
  const enrolled = await call(t, 'POST', '/v1/collector/enroll', {
    body: { code: intent.next_step.enrollment_code, device_name: 'fuzz' },
  });
  const draft = await call(t, 'POST', '/v1/owner/connections/drafts', {
    token: owner,
    body: { connector: 'github', fields: {} },
  });
  const uploaded = await fetch(`${t.url}/v1/owner/uploads?connector=whatsapp`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${owner}`,
      'content-type': 'application/octet-stream',
      'x-conn-file-name': encodeURIComponent('WhatsApp Chat with Family.txt'),
    },
    body: new Uint8Array(await readFile(familyFixture)),
  });
  const artifact = (await uploaded.json()) as { id: string };
  const webhook = await call(t, 'POST', '/v1/owner/webhooks', {
    token: owner,
    body: { url: 'http://127.0.0.1:9/conn' },
  });

  const store: Store = openStore({ url: t.databaseUrl, dataDir: t.dataDir });
  const tables = (await store.db.introspection.getTables())
    .map((table) => table.name as keyof Database)
    .sort();
  // One statement for every table, so a count is a single round trip.
  const counting = () => {
    const [first, ...rest] = tables.map((name) =>
      store.db
        .selectFrom(name)
        .select((eb) => [eb.val(name).as('name'), eb.fn.countAll().as('rows')]),
    );
    if (first === undefined) throw new Error('fuzz setup: the database has no tables');
    // biome-ignore lint/suspicious/noExplicitAny: every branch has the same two columns.
    return rest.reduce((query: any, next) => query.unionAll(next), first);
  };
  async function countRows(): Promise<Record<string, number>> {
    const rows = (await counting().execute()) as Array<{ name: string; rows: number | string }>;
    return Object.fromEntries(rows.map((row) => [row.name, Number(row.rows)]));
  }
  return {
    url: t.url,
    credentials: {
      owner,
      agent,
      collector: enrolled.collector_token,
      cookie: cookies.join('; '),
      csrf,
    },
    params: {
      id: [
        intent.connection_id ?? intent.next_step.connection_id,
        intent.intent_id,
        draft.connection_id,
        artifact.id,
        enrolled.run_id,
        spare.id,
        webhook.id,
      ].filter((id): id is string => typeof id === 'string'),
      delivery_id: ['whd_none'],
      key: ['github', 'claude-code', 'whatsapp', 'amazon', 'google-maps-timeline', 'gitlab'],
      group: ['github', 'gitlab', 'google'],
    },
    countRows,
    async settle() {
      // A run the success queued is claimed within the worker's 25 ms poll and writes as it goes.
      const deadline = Date.now() + 3_000;
      let last = await countRows();
      let steady = 0;
      while (steady < 3 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const now = await countRows();
        steady = Object.keys(now).every((name) => now[name] === last[name]) ? steady + 1 : 0;
        last = now;
      }
      return last;
    },
    close: () => store.close(),
  };
}
