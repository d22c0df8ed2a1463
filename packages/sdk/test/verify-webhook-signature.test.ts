import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../src/index';

const secret = 'whsec_test7f3q9ZxWv2Lp8RtAbCdEfGhIjKlMnOpQrStUvWx';
const body = '{"id":7,"type":"connection_activated"}';
const now = Date.parse('2030-01-01T00:00:00Z');
const t = Math.floor(now / 1000);

function sign(at: number, payload: string, key = secret): string {
  return createHmac('sha256', key).update(`${at}.${payload}`).digest('hex');
}

describe('verifyWebhookSignature', () => {
  it('accepts the signature conn sends, over the raw body as text or bytes', async () => {
    const header = `t=${t},v1=${sign(t, body)}`;
    expect(await verifyWebhookSignature({ secret, header, body, now })).toBe(true);
    const bytes = new TextEncoder().encode(body);
    expect(await verifyWebhookSignature({ secret, header, body: bytes, now })).toBe(true);
  });

  it('accepts any one matching v1 among several (a rotation)', async () => {
    const header = `t=${t},v1=${sign(t, body, 'whsec_old')},v1=${sign(t, body)}`;
    expect(await verifyWebhookSignature({ secret, header, body, now })).toBe(true);
  });

  it('refuses another secret, a changed body, a moved timestamp and a stale delivery', async () => {
    const header = `t=${t},v1=${sign(t, body)}`;
    expect(await verifyWebhookSignature({ secret: 'whsec_other', header, body, now })).toBe(false);
    expect(await verifyWebhookSignature({ secret, header, body: `${body} `, now })).toBe(false);
    const moved = `t=${t + 1},v1=${sign(t, body)}`;
    expect(await verifyWebhookSignature({ secret, header: moved, body, now })).toBe(false);
    const later = now + 301_000;
    expect(await verifyWebhookSignature({ secret, header, body, now: later })).toBe(false);
    expect(
      await verifyWebhookSignature({ secret, header, body, now: later, toleranceSec: 600 }),
    ).toBe(true);
  });

  it('refuses a missing or malformed header and an empty secret', async () => {
    for (const header of [undefined, null, '', 'v1=abc', `t=${t}`, `t=${t},v1=${'z'.repeat(64)}`]) {
      expect(await verifyWebhookSignature({ secret, header, body, now }), String(header)).toBe(
        false,
      );
    }
    const header = `t=${t},v1=${sign(t, body, '')}`;
    expect(await verifyWebhookSignature({ secret: '', header, body, now })).toBe(false);
  });
});
