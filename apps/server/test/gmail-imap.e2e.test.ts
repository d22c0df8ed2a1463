import { openStore } from '@conn/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DovecotServer,
  startDovecot,
} from '../../../packages/connectors/test/gmail/dovecot-server';
import { testMessage } from '../../../packages/connectors/test/gmail/test-message';
import { scanAllText } from '../../../packages/store/test/scan-plaintext';
import { type Exchange, httpClient } from './http-client';
import { serverDialects, startTestServer, type TestServer } from './test-server';
import { waitFor } from './wait-for';

// Distinctive app passwords: none may ever come back out of the server in any form.
const CANARY_A = 'abcd efgh CANARYa pwd1';
const CANARY_B = 'ijkl mnop CANARYb pwd2';
const ROTATED = 'qrst uvwx CANARYrotated';
const WRONG = 'wrong WRONG wrong pwd';
const canaries = [CANARY_A, CANARY_B, ROTATED, WRONG];

describe.each(await serverDialects())('Gmail over IMAP through the real server (%s)', (dialect) => {
  let dovecot: DovecotServer;
  let t: TestServer;
  let owner: string;
  const seen: Exchange[] = [];
  let http: ReturnType<typeof httpClient>;
  const alice = 'alice@example.com';
  const bob = 'bob@example.com';
  let aliceId: string;
  let bobId: string;

  beforeAll(async () => {
    dovecot = await startDovecot();
    await dovecot.setPassword(alice, CANARY_A);
    await dovecot.setPassword(bob, CANARY_B);
    await dovecot.append(
      alice,
      'INBOX',
      testMessage({ messageId: '<a1@test>', subject: 'Alice one' }),
    );
    await dovecot.append(
      alice,
      'INBOX',
      testMessage({ messageId: '<a2@test>', subject: 'Alice two' }),
    );
    await dovecot.append(bob, 'INBOX', testMessage({ messageId: '<b1@test>', subject: 'Bob one' }));
    await dovecot.append(
      bob,
      'Archive',
      testMessage({ messageId: '<b2@test>', subject: 'Bob archived' }),
    );
    t = await startTestServer({ dialect });
    http = httpClient(t.url, seen);
    owner = await t.login();
  }, 300_000);

  afterAll(async () => {
    await t?.dispose();
    await dovecot?.stop();
  });

  const status = (id: string) =>
    http.call('GET', `/v1/owner/connections/${id}/setup-status`, { token: owner });
  const fields = (email: string) => ({
    email,
    imap_host: dovecot.host,
    imap_port: String(dovecot.port),
  });
  const draft = async (email: string) => {
    const created = await http.call('POST', '/v1/owner/connections/drafts', {
      token: owner,
      body: { connector: 'gmail', fields: fields(email) },
    });
    expect(created.status).toBe(201);
    return created.json.connection_id as string;
  };
  const capture = (id: string, password: string) =>
    http.call('PUT', `/v1/owner/connections/${id}/credential`, {
      token: owner,
      body: { app_password: password },
    });
  const messageIds = async (id: string) => {
    const records = await http.call('GET', `/v1/owner/connections/${id}/records?stream=messages`, {
      token: owner,
    });
    expect(records.status).toBe(200);
    return records.json.items
      .map((item: { data?: { message_id?: string }; message_id?: string }) =>
        String(item.data?.message_id ?? item.message_id),
      )
      .sort();
  };

  it('plans Gmail as a synchronous static secret waiting for its proof', async () => {
    const plan = await http.call('GET', '/v1/owner/connectors/gmail/setup-plan', { token: owner });
    expect(plan.status).toBe(200);
    expect(plan.json.support_state).toBe('proof_gated');
    expect(plan.json.validation_mode).toBe('synchronous');
  });

  it('rejects a wrong app password in the same request, stores nothing, and retires the draft', async () => {
    const id = await draft(alice);
    const rejected = await capture(id, WRONG);
    expect(rejected.status).toBe(422);
    expect(rejected.json.error.code).toBe('credential_rejected');
    expect(rejected.json.error.message).toMatch(/^Gmail refused this address and app password/);
    const after = await status(id);
    expect(after.json.setup_state).toBe('expired');
    expect(after.json.credential?.present ?? false).toBe(false);
  });

  it('accepts the app password, echoes the address, and the first sync turns it active with records', async () => {
    aliceId = await draft(alice);
    const captured = await capture(aliceId, CANARY_A);
    expect(captured.status).toBe(200);
    expect(captured.json.label).toBe(alice);
    expect(captured.json.credential).toMatchObject({ present: true, kind: 'app_password' });
    const active = await waitFor(
      () => status(aliceId),
      (r) => r.json.setup_state === 'active' && r.json.run?.status === 'succeeded',
    );
    expect(active.json.run).toMatchObject({ status: 'succeeded', records_accepted: 3 });
    const streams = await http.call('GET', `/v1/owner/connections/${aliceId}/streams`, {
      token: owner,
    });
    expect(streams.json.streams).toEqual(
      expect.arrayContaining([
        { stream: 'account', records: 1 },
        { stream: 'messages', records: 2 },
      ]),
    );
    expect(await messageIds(aliceId)).toEqual(['<a1@test>', '<a2@test>']);

    // The first real success is the proof: the plan turns supported.
    const plan = await http.call('GET', '/v1/owner/connectors/gmail/setup-plan', { token: owner });
    expect(plan.json.support_state).toBe('supported');
  });

  it('keeps a second mailbox as its own connection, with only its own messages', async () => {
    bobId = await draft(bob);
    const captured = await capture(bobId, CANARY_B);
    expect(captured.status).toBe(200);
    expect(captured.json.label).toBe(bob);
    await waitFor(
      () => status(bobId),
      (r) => r.json.setup_state === 'active' && r.json.run?.status === 'succeeded',
    );
    expect(await messageIds(bobId)).toEqual(['<b1@test>', '<b2@test>']);
    expect(await messageIds(aliceId)).toEqual(['<a1@test>', '<a2@test>']);
    const listed = await http.call('GET', '/v1/owner/connections', { token: owner });
    const labels = listed.json.items
      .filter((c: { connection_id: string }) => [aliceId, bobId].includes(c.connection_id))
      .map((c: { label: string }) => c.label)
      .sort();
    expect(labels).toEqual([alice, bob]);
  });

  it('needs attention once the app password is revoked, and a rotated one makes it active again', async () => {
    await dovecot.setPassword(alice, ROTATED);
    const sync = await http.call('POST', `/v1/owner/connections/${aliceId}/sync`, { token: owner });
    expect(sync.status).toBe(202);
    const attention = await waitFor(
      () => status(aliceId),
      (r) => r.json.setup_state === 'needs_attention',
    );
    expect(attention.json.setup_state).toBe('needs_attention');
    expect(attention.json.run?.error_code).toBe('credential_rejected');
    expect(attention.json.remediation).toMatchObject({
      kind: 'reconnect',
      description: expect.stringContaining('enter a new one'),
    });
    // Bob's connection is untouched.
    expect((await status(bobId)).json.setup_state).toBe('active');

    const rotated = await capture(aliceId, ROTATED);
    expect(rotated.status).toBe(200);
    expect(rotated.json.label).toBe(alice);
    const active = await waitFor(
      () => status(aliceId),
      (r) => r.json.setup_state === 'active' && r.json.run?.status === 'succeeded',
    );
    expect(active.json.setup_state).toBe('active');
    expect(await messageIds(aliceId)).toEqual(['<a1@test>', '<a2@test>']);
  });

  it('never lets an app password out: responses, headers, logs, the event log and every database column', async () => {
    const events = await http.call('GET', '/v1/owner/events?after=0', { token: owner });
    expect(events.json.items.length).toBeGreaterThan(0);
    expect(events.text).toContain('credential_rejected');
    for (const canary of canaries) {
      const leaks = seen.filter(
        (x) => x.text.includes(canary) || JSON.stringify(x.headers).includes(canary),
      );
      expect(
        leaks.map((x) => `${x.method} ${x.path}`),
        canary,
      ).toEqual([]);
      expect(t.logs.join('').includes(canary), canary).toBe(false);
    }
    const store = openStore({ url: t.databaseUrl, dataDir: t.dataDir });
    try {
      for (const canary of canaries) expect(await scanAllText(store, canary), canary).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
