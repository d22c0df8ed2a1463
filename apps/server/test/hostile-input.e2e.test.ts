import { ErrorBodySchema } from '@conn/setup-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawExchange } from './fuzz/raw-exchange';
import { httpClient } from './http-client';
import { serverDialects, startTestServer, type TestServer } from './test-server';

/** Asserts the one error shape with `code`, and that the answer does not echo `sent`. */
function expectError(
  answer: { status: number; text: string; json: unknown },
  status: number,
  code: string,
  sent?: string,
) {
  expect(answer.status, answer.text).toBe(status);
  const body = ErrorBodySchema.parse(answer.json);
  expect(body.error.code).toBe(code);
  if (sent !== undefined) expect(answer.text).not.toContain(sent);
}

/** A JSON value nested `depth` levels deep: `{"a":{"a":…1…}}`. */
function nested(depth: number): string {
  return `${'{"a":'.repeat(depth - 1)}1${'}'.repeat(depth - 1)}`;
}

describe.each(await serverDialects())('hostile input on %s', (dialect) => {
  let t: TestServer;
  let http: ReturnType<typeof httpClient>;
  let owner: string;
  let collectorToken: string;

  /** A fresh one-time enrollment code for Claude Code's local collector. */
  async function enrollmentCode(): Promise<string> {
    const intent = await http.call('POST', '/v1/owner/connections/intents', {
      token: owner,
      body: { connector: 'claude-code' },
    });
    expect(intent.status).toBe(201);
    return intent.json.next_step.enrollment_code as string;
  }

  beforeAll(async () => {
    t = await startTestServer({ dialect });
    http = httpClient(t.url);
    owner = await t.login();
    const enrolled = await http.call('POST', '/v1/collector/enroll', {
      body: { code: await enrollmentCode(), device_name: 'laptop' },
    });
    expect(enrolled.status).toBe(201);
    collectorToken = enrolled.json.collector_token;
  });
  afterAll(async () => t?.dispose());

  describe('characters the store cannot keep: 400 invalid_characters, never a 500', () => {
    const idRoutes: Array<[method: string, path: string]> = [
      ['GET', '/v1/owner/connections/:id/setup-status'],
      ['GET', '/v1/owner/connections/intents/:id'],
      ['GET', '/v1/owner/uploads/:id'],
      ['POST', '/v1/owner/connections/:id/revoke'],
      ['POST', '/v1/owner/connections/:id/reconnect'],
      ['GET', '/v1/owner/connections/:id/records'],
      ['DELETE', '/v1/owner/agent-tokens/:id'],
      ['DELETE', '/v1/owner/webhooks/:id'],
    ];
    it.each(idRoutes)('a NUL in the path id of %s %s', async (method, path) => {
      const answer = await http.call(method, path.replace(':id', 'con_%00x'), { token: owner });
      expectError(answer, 400, 'invalid_characters');
    });

    it('a NUL in a query string', async () => {
      const status = await http.call('GET', '/v1/owner/connections?cursor=a%00b', {
        token: owner,
      });
      expectError(status, 400, 'invalid_characters');
    });

    it('a NUL or an unpaired surrogate in JSON body strings: label, name, device_name, stream, record keys and values', async () => {
      const bodies: Array<[method: string, path: string, body: string, token: string | undefined]> =
        [
          [
            'POST',
            '/v1/owner/connections/intents',
            '{"connector":"github","label":"a\\u0000b"}',
            owner,
          ],
          [
            'POST',
            '/v1/owner/connections/intents',
            '{"connector":"github","label":"a\\ud800"}',
            owner,
          ],
          ['POST', '/v1/owner/agent-tokens', '{"name":"agent\\u0000"}', owner],
          ['POST', '/v1/collector/records', '{"stream":"s\\u0000","records":[]}', collectorToken],
          [
            'POST',
            '/v1/collector/records',
            '{"stream":"sessions","records":[{"session_id\\u0000":"1"}]}',
            collectorToken,
          ],
          [
            'POST',
            '/v1/collector/records',
            '{"stream":"sessions","records":[{"session_id":"1","text":"x\\udc00y"}]}',
            collectorToken,
          ],
        ];
      for (const [method, path, raw, token] of bodies) {
        const answer = await http.call(method, path, token ? { token, raw } : { raw });
        expectError(answer, 400, 'invalid_characters');
      }
      const code = await enrollmentCode();
      const enroll = await http.call('POST', '/v1/collector/enroll', {
        raw: JSON.stringify({ code, device_name: 'pc\u0000' }),
      });
      expectError(enroll, 400, 'invalid_characters');
      // The refused exchange spent nothing: the same code still enrolls.
      const enrolled = await http.call('POST', '/v1/collector/enroll', {
        body: { code, device_name: 'desktop' },
      });
      expect(enrolled.status).toBe(201);
    });

    it('keeps other text as it is: tabs, newlines and emoji in a record are stored', async () => {
      const answer = await http.call('POST', '/v1/collector/records', {
        token: collectorToken,
        body: { stream: 'sessions', records: [{ session_id: 'n1', text: 'a\tb\nc \u{1F600}' }] },
      });
      expect(answer.status, answer.text).toBe(200);
      expect(answer.json.accepted).toBe(1);
    });
  });

  describe('JSON nested too deep: 400 json_too_deep, never a stack overflow', () => {
    it('refuses a collector record nested 5,000 levels deep', async () => {
      const answer = await http.call('POST', '/v1/collector/records', {
        token: collectorToken,
        raw: `{"stream":"sessions","records":[{"session_id":"d1","value":${nested(5_000)}}]}`,
      });
      expectError(answer, 400, 'json_too_deep');
    });

    it('refuses an owner body nested past the limit, and takes one inside it', async () => {
      const deep = await http.call('POST', '/v1/owner/connections/drafts', {
        token: owner,
        raw: `{"connector":"github","fields":${nested(200)}}`,
      });
      expectError(deep, 400, 'json_too_deep');
      const fine = await http.call('POST', '/v1/collector/records', {
        token: collectorToken,
        raw: `{"stream":"sessions","records":[{"session_id":"d2","value":${nested(50)}}]}`,
      });
      expect(fine.status, fine.text).toBe(200);
      expect(fine.json.accepted).toBe(1);
    });
  });

  describe('framework and parser errors in the one error shape, echoing nothing', () => {
    it('a bad percent-escape in the path', async () => {
      const answer = await http.call('GET', '/v1/owner/uploads/%ff%fe', { token: owner });
      expectError(answer, 400, 'invalid_request', '%ff');
    });

    it('a path parameter longer than any id', async () => {
      const long = `art_${'z'.repeat(300)}`;
      const answer = await http.call('GET', `/v1/owner/uploads/${long}`, { token: owner });
      expectError(answer, 400, 'invalid_request', long);
    });

    it('headers larger than the server reads: 431', async () => {
      const filler = 'q'.repeat(20 * 1024);
      const answer = await rawExchange(
        t.url,
        `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Filler: ${filler}\r\n\r\n`,
      );
      expectError(
        { status: answer.status, text: answer.body, json: JSON.parse(answer.body) },
        431,
        'headers_too_large',
        filler,
      );
    });

    it('bytes that are not HTTP', async () => {
      for (const garbage of [
        'NOT HTTP AT ALL\r\n\r\n',
        'GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
        'GET /\u0000 HTTP/1.1\r\n\r\n',
        'POST /v1/owner/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello',
        'GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n',
      ]) {
        const answer = await rawExchange(t.url, Buffer.from(garbage, 'latin1'));
        expectError(
          { status: answer.status, text: answer.body, json: JSON.parse(answer.body || 'null') },
          400,
          'invalid_request',
        );
      }
    });

    it('an Expect header other than 100-continue is served as if absent, not a bare 417', async () => {
      const answer = await rawExchange(
        t.url,
        `GET /v1/owner/uploads/art_missing HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${owner}\r\nExpect: something-else\r\nConnection: close\r\n\r\n`,
      );
      expectError(
        { status: answer.status, text: answer.body, json: JSON.parse(answer.body || 'null') },
        404,
        'artifact_not_found',
      );
    });

    it('no refusal quotes what the request sent: ids, connector names, unknown fields, paths', async () => {
      const canary = 'echocanary4242';
      const answers = [
        await http.call('DELETE', `/v1/owner/agent-tokens/${canary}`, { token: owner }),
        await http.call('DELETE', `/v1/owner/webhooks/${canary}`, { token: owner }),
        await http.call('POST', '/v1/owner/connections/intents', {
          token: owner,
          body: { connector: canary },
        }),
        await http.call('POST', '/v1/owner/agent-tokens', {
          token: owner,
          body: { name: 'x', [canary]: true },
        }),
        await http.call('PUT', `/v1/owner/deployment/provider-apps/${canary}`, {
          token: owner,
          body: { client_id: 'id', client_secret: 'secret' },
        }),
        await http.call('GET', `/v1/${canary}`, { token: owner }),
      ];
      for (const answer of answers) {
        expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
        expect(answer.status, answer.text).toBeLessThan(500);
        expect(answer.text).not.toContain(canary);
      }
    });

    it('an unsupported media type and an oversized body', async () => {
      const xml = await http.call('POST', '/v1/owner/connections/intents', {
        token: owner,
        raw: '<connector>github</connector>',
        headers: { 'content-type': 'application/xml' },
      });
      expectError(xml, 400, 'invalid_request', 'application/xml');
      const huge = await http.call('POST', '/v1/owner/agent-tokens', {
        token: owner,
        raw: JSON.stringify({ name: 'a'.repeat(2 * 1024 * 1024) }),
      });
      expectError(huge, 413, 'payload_too_large');
    });
  });
});
