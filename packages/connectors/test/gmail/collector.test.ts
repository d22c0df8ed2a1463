import { Secret } from '@conn/setup-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gmailCollector } from '../../src/gmail/collector';
import { maxTextBytes } from '../../src/gmail/text-part';
import { collectorHarness } from '../collector-harness';
import { type DovecotServer, startDovecot } from './dovecot-server';
import { testMessage } from './test-message';

const password = 'collector APP password';
let dovecot: DovecotServer;

beforeAll(async () => {
  dovecot = await startDovecot();
}, 300_000);

afterAll(async () => {
  await dovecot?.stop();
});

function harnessFor(
  user: string,
  syncCursors: Readonly<Record<string, string>> = {},
  pass = password,
) {
  return collectorHarness({
    fields: { email: user, imap_host: dovecot.host, imap_port: String(dovecot.port) },
    secrets: { app_password: new Secret(pass) },
    syncCursors,
  });
}

/** Runs the collector and reads what dovecot logged for that session. */
async function collect(user: string, syncCursors: Readonly<Record<string, string>> = {}) {
  const harness = harnessFor(user, syncCursors);
  const result = await gmailCollector(harness.input);
  const sessions = dovecot.sessions(user);
  return { harness, result, session: sessions[sessions.length - 1] };
}

describe('gmailCollector against dovecot', () => {
  it('collects the account and the messages of INBOX and other mailboxes, skipping trash', async () => {
    const user = 'collect@example.com';
    await dovecot.setPassword(user, password);
    await dovecot.append(user, 'INBOX', testMessage({ messageId: '<1@test>', subject: 'First' }), [
      '\\Seen',
    ]);
    await dovecot.append(
      user,
      'INBOX',
      testMessage({
        messageId: '<2@test>',
        subject: 'Multipart',
        text: 'Grüße aus Köln',
        multipart: true,
      }),
    );
    await dovecot.append(
      user,
      'INBOX',
      testMessage({ messageId: '<3@test>', subject: 'Long', text: 'x'.repeat(maxTextBytes + 500) }),
    );
    await dovecot.append(
      user,
      'Archive',
      // Quoted-printable Latin-1 with a soft line break, as older mailers send it.
      [
        'Message-ID: <4@test>',
        'From: ada@example.com',
        'Subject: Archived',
        'Date: Mon, 01 Jun 2026 09:30:00 +0000',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=iso-8859-1',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Gr=FC=DFe, a soft=',
        ' break',
        '',
      ].join('\r\n'),
    );
    await dovecot.append(user, 'Trash', testMessage({ messageId: '<5@test>', subject: 'Deleted' }));

    const { harness, result, session } = await collect(user);

    expect(result.counts).toEqual({ account: 1, messages: 4 });
    const [account] = harness.records('account');
    expect(account).toMatchObject({ email: user });
    expect(
      ((account?.mailboxes ?? []) as { path: string; collected: boolean }[])
        .map((m) => [m.path, m.collected])
        .sort(),
    ).toEqual([
      ['Archive', true],
      ['INBOX', true],
      ['Trash', false],
    ]);
    // The account record comes first: an account with empty mailboxes still activates.
    expect(harness.batches[0]?.stream).toBe('account');

    const messages = harness.records('messages');
    expect(messages.map((m) => m.message_id)).toEqual([
      '<1@test>',
      '<2@test>',
      '<3@test>',
      '<4@test>',
    ]);
    expect(messages[0]).toMatchObject({
      mailbox: 'INBOX',
      uid: 1,
      subject: 'First',
      from: [{ name: 'Ada Lovelace', address: 'ada@example.com' }],
      to: [{ name: null, address: 'me@example.com' }],
      date: '2026-06-01T09:30:00.000Z',
      flags: ['\\Seen'],
      labels: null,
      text: expect.stringContaining('Body of First'),
      text_truncated: false,
    });
    expect(messages[1]?.text).toBe('Grüße aus Köln');
    expect(messages[3]?.text).toBe('Grüße, a soft break\r\n');
    expect(messages[2]?.text_truncated).toBe(true);
    expect(String(messages[2]?.text).length).toBe(maxTextBytes);
    expect(session).toMatchObject({ fetchHeaders: 4, fetchBodies: 4 });

    expect(Object.keys(result.syncCursors ?? {}).sort()).toEqual([
      'mailbox:Archive',
      'mailbox:INBOX',
    ]);
    expect(JSON.parse(result.syncCursors?.['mailbox:INBOX'] ?? '')).toMatchObject({ last_uid: 3 });
    expect(JSON.stringify(harness.batches)).not.toContain(password);
  });

  it('fetches only new messages on the next sync, and nothing when nothing arrived', async () => {
    const user = 'incremental@example.com';
    await dovecot.setPassword(user, password);
    await dovecot.append(user, 'INBOX', testMessage({ messageId: '<a@test>', subject: 'A' }));
    await dovecot.append(user, 'INBOX', testMessage({ messageId: '<b@test>', subject: 'B' }));
    const first = await collect(user);
    expect(first.result.counts.messages).toBe(2);
    expect(first.session?.fetchHeaders).toBe(2);

    await dovecot.append(user, 'INBOX', testMessage({ messageId: '<c@test>', subject: 'C' }));
    const second = await collect(user, first.result.syncCursors);
    expect(second.harness.records('messages').map((m) => m.message_id)).toEqual(['<c@test>']);
    expect(second.session).toMatchObject({ fetchHeaders: 1, fetchBodies: 1 });
    expect(JSON.parse(second.result.syncCursors?.['mailbox:INBOX'] ?? '')).toMatchObject({
      last_uid: 3,
    });

    const third = await collect(user, second.result.syncCursors);
    expect(third.result.counts).toEqual({ account: 1, messages: 0 });
    expect(third.session).toMatchObject({ fetchHeaders: 0, fetchBodies: 0 });
  });

  it('resumes a crashed run after the last batch it handed over', async () => {
    const user = 'resume@example.com';
    await dovecot.setPassword(user, password);
    for (const n of [1, 2, 3]) {
      await dovecot.append(
        user,
        'INBOX',
        testMessage({ messageId: `<r${n}@test>`, subject: `R${n}` }),
      );
    }
    const first = await collect(user);
    const checkpoint = first.harness.batches.find(
      (batch) => batch.stream === 'messages',
    )?.checkpoint;
    expect(JSON.parse(checkpoint ?? '')).toMatchObject({ path: 'INBOX', last_uid: 3 });

    // As if the previous attempt had stopped after handing over UIDs 1 and 2.
    const stopped = JSON.stringify({ ...JSON.parse(checkpoint ?? ''), last_uid: 2 });
    const harness = collectorHarness({
      fields: { email: user, imap_host: dovecot.host, imap_port: String(dovecot.port) },
      secrets: { app_password: new Secret(password) },
      cursor: stopped,
    });
    await gmailCollector(harness.input);
    expect(harness.records('messages').map((m) => m.message_id)).toEqual(['<r3@test>']);
    expect(dovecot.sessions(user).at(-1)).toMatchObject({ fetchHeaders: 1 });
  });

  it('reads a mailbox again from its start when its UIDVALIDITY changed', async () => {
    const user = 'uidvalidity@example.com';
    await dovecot.setPassword(user, password);
    await dovecot.append(
      user,
      'Archive',
      testMessage({ messageId: '<old1@test>', subject: 'Old 1' }),
    );
    await dovecot.append(
      user,
      'Archive',
      testMessage({ messageId: '<old2@test>', subject: 'Old 2' }),
    );
    const first = await collect(user);
    const before = JSON.parse(first.result.syncCursors?.['mailbox:Archive'] ?? '');
    expect(before).toMatchObject({ last_uid: 2 });

    await dovecot.recreateMailbox(user, 'Archive');
    await dovecot.append(
      user,
      'Archive',
      testMessage({ messageId: '<new1@test>', subject: 'New 1' }),
    );
    const second = await collect(user, first.result.syncCursors);
    // UID 1 is below the old cursor: only the UIDVALIDITY change makes it read.
    expect(second.harness.records('messages').map((m) => [m.message_id, m.uid])).toEqual([
      ['<new1@test>', 1],
    ]);
    const after = JSON.parse(second.result.syncCursors?.['mailbox:Archive'] ?? '');
    expect(after.uidvalidity).not.toBe(before.uidvalidity);
    expect(after.last_uid).toBe(1);
  });

  it('reads only the \\All mailbox when the server has one, as on Gmail', async () => {
    const user = 'all@example.com';
    await dovecot.setPassword(user, password);
    await dovecot.append(
      user,
      'INBOX',
      testMessage({ messageId: '<inbox@test>', subject: 'In inbox' }),
    );
    await dovecot.append(
      user,
      'All',
      testMessage({ messageId: '<all@test>', subject: 'In all mail' }),
    );
    const { harness, result } = await collect(user);
    expect(harness.records('messages').map((m) => m.message_id)).toEqual(['<all@test>']);
    expect(Object.keys(result.syncCursors ?? {})).toEqual(['mailbox:All']);
  });

  it('emits the account record for an account with no mail', async () => {
    const user = 'empty@example.com';
    await dovecot.setPassword(user, password);
    const { harness, result } = await collect(user);
    expect(result.counts).toEqual({ account: 1, messages: 0 });
    expect(harness.records('account')).toHaveLength(1);
  });

  it('rejects a refused password with credential_rejected, quoting no password', async () => {
    const user = 'refused@example.com';
    await dovecot.setPassword(user, password);
    const wrong = 'not THE password';
    const error = await gmailCollector(harnessFor(user, {}, wrong).input).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'credential_rejected',
      message: expect.stringContaining('Gmail'),
    });
    expect(String((error as Error).message)).not.toContain(wrong);
  });

  it('stops with the signal when the run is cancelled', async () => {
    const user = 'cancel@example.com';
    await dovecot.setPassword(user, password);
    await dovecot.append(user, 'INBOX', testMessage({ messageId: '<x@test>', subject: 'X' }));
    const harness = harnessFor(user);
    const reason = new Error('cancelled');
    harness.controller.abort(reason);
    await expect(gmailCollector(harness.input)).rejects.toBe(reason);
  });
});
