import { Secret } from '@conn/setup-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gmailProbe } from '../../src/gmail/probe';
import { type DovecotServer, startDovecot } from './dovecot-server';

const user = 'probe@example.com';
const password = 'abcd efgh PROBE canary';
let dovecot: DovecotServer;

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.setPassword(user, password);
}, 300_000);

afterAll(async () => {
  await dovecot?.stop();
});

function probe(pass: string, email = user) {
  return gmailProbe({
    fields: { email, imap_host: dovecot.host, imap_port: String(dovecot.port) },
    secrets: { app_password: new Secret(pass) },
    signal: AbortSignal.timeout(10_000),
    fetch: globalThis.fetch,
  });
}

describe('gmailProbe against dovecot', () => {
  it('echoes the address behind a valid app password', async () => {
    await expect(probe(password)).resolves.toEqual({
      ok: true,
      identity: { account_id: user, label: user },
    });
  });

  it('refuses a wrong app password with an owner-readable reason that quotes no password', async () => {
    const wrong = 'wrong WRONG wrong';
    const result = await probe(wrong);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^Gmail refused this address and app password/);
    expect(result.message).toContain('app password');
    expect(result.message).not.toContain(wrong);
    expect(result.message).not.toContain(password);
  });

  it('rejects with provider_unavailable when nothing listens, without judging the password', async () => {
    const error = await gmailProbe({
      fields: { email: user, imap_host: '127.0.0.1', imap_port: '1' },
      secrets: { app_password: new Secret(password) },
      signal: AbortSignal.timeout(10_000),
      fetch: globalThis.fetch,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'provider_unavailable' });
    expect(String((error as Error).message)).toContain('127.0.0.1');
    expect(String((error as Error).message)).not.toContain(password);
  });
});
