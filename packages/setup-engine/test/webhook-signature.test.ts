import { describe, expect, it } from 'vitest';
import {
  contract,
  formatWebhookSignature,
  parseWebhookSignature,
  WebhookRequestSchema,
  webhookSignedPayload,
} from '../src/index';

const hex = 'ab'.repeat(32);

describe('the webhook signature header', () => {
  it('signs the timestamp, a dot and the raw body', () => {
    expect(webhookSignedPayload(1767225600, '{"id":7}')).toBe('1767225600.{"id":7}');
  });

  it('round-trips a timestamp and its signatures', () => {
    const header = formatWebhookSignature(1767225600, [hex, 'cd'.repeat(32)]);
    expect(header).toBe(`t=1767225600,v1=${hex},v1=${'cd'.repeat(32)}`);
    expect(parseWebhookSignature(header)).toEqual({
      timestamp: 1767225600,
      signatures: [hex, 'cd'.repeat(32)],
    });
  });

  it('skips unknown schemes and refuses a header without t or without a well-formed v1', () => {
    expect(parseWebhookSignature(`t=1,v0=zz,v2=${hex},v1=${hex.toUpperCase()}`)).toEqual({
      timestamp: 1,
      signatures: [hex],
    });
    expect(parseWebhookSignature(`v1=${hex}`)).toBeNull();
    expect(parseWebhookSignature('t=1,v1=abc')).toBeNull();
    expect(parseWebhookSignature(`t=soon,v1=${hex}`)).toBeNull();
    expect(parseWebhookSignature('')).toBeNull();
  });
});

describe('the webhook routes', () => {
  it('are for the owner session only', () => {
    const routes = [
      contract.createWebhook,
      contract.listWebhooks,
      contract.deleteWebhook,
      contract.listWebhookDeliveries,
      contract.redeliverWebhookDelivery,
    ];
    for (const route of routes) expect(route.auth, route.operationId).toEqual(['owner']);
  });

  it('take a URL and event types, every type by default, and refuse an unknown type', () => {
    expect(WebhookRequestSchema.parse({ url: 'https://hooks.example/a' })).toEqual({
      url: 'https://hooks.example/a',
      event_types: [],
    });
    expect(
      WebhookRequestSchema.safeParse({ url: 'https://a.example', event_types: ['no_such_event'] })
        .success,
    ).toBe(false);
  });
});
