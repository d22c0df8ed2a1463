import {
  type ContractRoute,
  consoleSession,
  contractRoutes,
  type OperationId,
} from '@conn/setup-engine';
import fc from 'fast-check';
import { type BodyFraming, type FuzzRequest, httpBytes, printable } from './fuzz-request';
import type { FuzzTarget } from './fuzz-target';

/** Every byte percent-encoded except RFC 3986's unreserved characters, from the text's UTF-8. */
function percentEncoded(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const character = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(character)
      ? character
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const rawBytesEncoded = fc
  .uint8Array({ maxLength: 48 })
  .map((bytes) => [...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''));

/** Put in params, queries, headers and bodies: a refusal that contains it quotes the request. */
export const echoCanary = 'fuzzcanary';

/** Strings hostile to a store, a parser or a screen, and plain ones. */
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '\ud800',
      'x\udc00',
      '\u202Etxt.exe',
      '\u0007\u001b[31m',
      '../../etc/passwd',
      '__proto__',
      'constructor',
      'null',
      '-1',
      '1e400',
      '0x10',
      '9'.repeat(30),
      "' or 1=1 --",
      '<script>alert(1)</script>',
    ),
  },
  { weight: 1, arbitrary: fc.string({ minLength: 65, maxLength: 3_000 }) },
  // A marker an error body must never quote back.
  { weight: 1, arbitrary: fc.nat().map((n) => `${echoCanary}${n}`) },
);

/** A JSON value nested `depth` levels deep. */
function nestedJson(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? [value] : { a: value };
  return value;
}

const jsonLeaf = fc.oneof(
  text,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

/** Any JSON, with hostile strings in keys and values and now and then a deep nest. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  {
    weight: 2,
    arbitrary: fc.dictionary(text, fc.oneof(jsonLeaf, fc.array(jsonLeaf, { maxLength: 3 })), {
      maxKeys: 4,
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 60, max: 300 }), jsonLeaf)
      .map(([d, l]) => nestedJson(d, l)),
  },
);

/** A well-formed body for each route that takes one, for mutation into near misses. */
function templates(target: FuzzTarget): Partial<Record<OperationId, Record<string, unknown>>> {
  const [artifact] = target.params.id ?? [];
  return {
    login: { password: 'not-the-password', mode: 'token' },
    createAgentToken: { name: 'fuzzed agent' },
    createWebhook: { url: 'http://127.0.0.1:9/fuzz', event_types: [], description: 'd' },
    createIntent: { connector: 'github', label: 'Fuzz', unproven: true },
    createDraft: { connector: 'github', label: 'Fuzz', fields: {} },
    submitCredential: { token: 'ghp_not_a_real_token' },
    createBrowserShell: { label: 'Fuzz' },
    startAuthorization: { label: 'Fuzz', unproven: true },
    putProviderApp: { client_id: 'fuzz-client', client_secret: 'fuzz-secret' },
    importArtifacts: { artifact_ids: [artifact ?? 'art_none'], target: { new: {} } },
    enrollCollector: { code: 'NOT-A-CODE', device_name: 'fuzz device' },
    ingestRecords: { stream: 'sessions', records: [{ session_id: 'fz-1', text: 'hello' }] },
    reportRunProgress: { stage: 'fuzzing', counts: { accepted: 1 } },
    finishCollectorRun: { status: 'failed', error_code: 'fuzzed' },
  };
}

/** A template with one thing changed: a field replaced, dropped or added, or a deep value put in. */
function nearMiss(template: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(template);
  const key = keys.length === 0 ? fc.constant('x') : fc.constantFrom(...keys);
  return fc.oneof(
    fc.constant(template),
    fc.tuple(key, anyJson).map(([k, v]) => ({ ...template, [k]: v })),
    fc.tuple(key, text).map(([k, v]) => ({ ...template, [k]: v })),
    key.map((k) => Object.fromEntries(Object.entries(template).filter(([name]) => name !== k))),
    fc.tuple(text, anyJson).map(([k, v]) => ({ ...template, [k]: v })),
    fc
      .tuple(key, fc.integer({ min: 60, max: 300 }))
      .map(([k, depth]) => ({ ...template, [k]: nestedJson(depth, 1) })),
  );
}

type Body = { bytes: Buffer; summary: string };

function bodyArbitrary(route: ContractRoute, target: FuzzTarget): fc.Arbitrary<Body | null> {
  const template = templates(target)[route.operationId as OperationId];
  const json = (value: unknown): Body => {
    const serialized = JSON.stringify(value) ?? 'null';
    return { bytes: Buffer.from(serialized, 'utf8'), summary: printable(serialized) };
  };
  const raw = (bytes: Uint8Array): Body => ({
    bytes: Buffer.from(bytes),
    summary: `raw ${printable(Buffer.from(bytes).toString('latin1'), 80)}`,
  });
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 6, arbitrary: (template === undefined ? anyJson : nearMiss(template)).map(json) },
    { weight: 3, arbitrary: anyJson.map(json) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 256 }).map(raw) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '{"__proto__":{"polluted":true}}',
          '{"constructor":{"prototype":{"polluted":true}}}',
          '{"a":1,"a":2}',
          '{"a":1e999}',
          '[',
          '"\\ud800"',
          '{"x":"\\u0000"}',
          '\u00ef\u00bb\u00bf{}',
        )
        .map((s) => ({ bytes: Buffer.from(s, 'latin1'), summary: printable(s) })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((depth) => ({
        bytes: Buffer.from(`{"stream":${'['.repeat(depth)}${']'.repeat(depth)}}`),
        summary: `{"stream":[[[…]]]} (${depth} levels)`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constant({
        bytes: Buffer.from(JSON.stringify({ x: 'a'.repeat(1_100_000) })),
        summary: '{"x":"aaaa…"} (1.1 MB)',
      }),
    },
  );
}

type Headers = Array<[string, string]>;

function credentialHeaders(target: FuzzTarget): fc.Arbitrary<Headers> {
  const { owner, agent, collector, cookie, csrf } = target.credentials;
  const fixed = (headers: Headers): fc.Arbitrary<Headers> => fc.constant(headers);
  return fc.oneof(
    { weight: 2, arbitrary: fixed([]) },
    { weight: 5, arbitrary: fixed([['Authorization', `Bearer ${owner}`]]) },
    { weight: 2, arbitrary: fixed([['Authorization', `Bearer ${agent}`]]) },
    { weight: 2, arbitrary: fixed([['Authorization', `Bearer ${collector}`]]) },
    {
      weight: 1,
      arbitrary: fixed([
        ['Cookie', cookie],
        [consoleSession.csrfHeader, csrf],
      ]),
    },
    { weight: 1, arbitrary: fixed([['Cookie', cookie]]) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom('Bearer cos_', 'Bearer coa_', 'Bearer coc_', 'Bearer ', 'Basic ', ''),
          fc.string({ maxLength: 60 }),
        )
        .map(([prefix, rest]): Headers => [['Authorization', latin1Value(prefix + rest)]]),
    },
  );
}

/** A header value node's parser accepts: latin1, no CR, LF or NUL. */
function latin1Value(value: string): string {
  let out = '';
  for (const character of value) {
    const code = character.charCodeAt(0);
    out += code > 0xff || code === 0x0d || code === 0x0a || code === 0 ? '?' : character;
  }
  return out;
}

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'Application/JSON',
  'application/json; charset=latin1',
  'application/octet-stream',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/vnd.api+json',
  ';;;',
  '',
);

const extraHeaderNames = fc.constantFrom(
  'conn-contract-version',
  'idempotency-key',
  'x-conn-file-name',
  consoleSession.csrfHeader,
  'accept',
  'origin',
  'x-forwarded-for',
  'content-encoding',
  'expect',
  'range',
  'if-none-match',
);

const extraHeaders: fc.Arbitrary<Array<[string, string]>> = fc.array(
  fc.tuple(
    fc.oneof(extraHeaderNames, fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/)),
    fc.oneof(
      text.map(latin1Value),
      fc.constantFrom('1', '0', '999999', '-1', 'text/html', '100-continue', 'gzip', '*/*'),
      rawBytesEncoded,
    ),
  ),
  { maxLength: 3 },
);

function paramValue(name: string, target: FuzzTarget): fc.Arbitrary<string> {
  const known = target.params[name] ?? [];
  return fc.oneof(
    {
      weight: known.length > 0 ? 4 : 0,
      arbitrary: known.length > 0 ? fc.constantFrom(...known) : fc.constant('x'),
    },
    { weight: 3, arbitrary: text.map(percentEncoded) },
    { weight: 1, arbitrary: rawBytesEncoded },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%', '%zz', '%ff%fe', '..', '.', '%2e%2e', '%2F', 'a%00b'),
    },
    { weight: 1, arbitrary: fc.integer({ min: 101, max: 20_000 }).map((n) => 'z'.repeat(n)) },
  );
}

function queryArbitrary(route: ContractRoute): fc.Arbitrary<string> {
  const shape = (route.querystring as { shape?: Record<string, unknown> } | undefined)?.shape;
  const names = Object.keys(shape ?? {});
  const pair = fc.tuple(
    fc.oneof(
      {
        weight: names.length > 0 ? 3 : 0,
        arbitrary: names.length > 0 ? fc.constantFrom(...names) : fc.constant('x'),
      },
      { weight: 1, arbitrary: text.map(percentEncoded) },
      { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor[prototype]', 'a[b]', '') },
    ),
    fc.oneof(
      text.map(percentEncoded),
      rawBytesEncoded,
      fc.constantFrom('1', '500', '0', '-1', 'pending', '%', '%ff'),
    ),
  );
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    {
      weight: 4,
      arbitrary: fc
        .array(pair, { minLength: 1, maxLength: 4 })
        .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`),
    },
    { weight: 1, arbitrary: rawBytesEncoded.map((q) => `?${q}`) },
  );
}

const framings = fc.oneof(
  { weight: 12, arbitrary: fc.constant<BodyFraming>('length') },
  { weight: 2, arbitrary: fc.constant<BodyFraming>('chunked') },
  { weight: 1, arbitrary: fc.constantFrom<BodyFraming>('short', 'long', 'double', 'both') },
);

const otherMethods = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD');

/** A request aimed at one contract route: its method (mostly), path, query, headers and body. */
function routeRequest(route: ContractRoute, target: FuzzTarget): fc.Arbitrary<FuzzRequest> {
  const names = [...route.path.matchAll(/:([a-z_]+)/g)].map((match) => match[1] as string);
  const params = fc.tuple(...names.map((name) => paramValue(name, target)));
  const method = fc.oneof(
    { weight: 9, arbitrary: fc.constant(route.method === 'ALL' ? 'POST' : route.method) },
    { weight: 1, arbitrary: otherMethods },
  );
  return fc
    .record({
      method,
      params: names.length === 0 ? fc.constant([] as string[]) : params,
      query: queryArbitrary(route),
      credentials: credentialHeaders(target),
      contentType: fc.option(contentTypes, { nil: undefined, freq: 5 }),
      extra: extraHeaders,
      body: bodyArbitrary(route, target),
      framing: framings,
      octet: fc.boolean(),
    })
    .map((c) => {
      let index = 0;
      const path = route.path.replace(/:([a-z_]+)/g, () => c.params[index++] ?? '');
      const contentType =
        route.bodyKind === 'raw' && c.octet ? 'application/octet-stream' : c.contentType;
      const headers: Array<[string, string]> = [...c.credentials, ...c.extra];
      if (contentType !== undefined) headers.push(['Content-Type', contentType]);
      if (route.bodyKind === 'raw' && c.octet)
        headers.push(['X-Conn-File-Name', 'WhatsApp%20Chat%20with%20Fuzz.txt']);
      const target = `${path}${c.query}`;
      const acceptsHtml = c.extra.some(
        ([name, value]) => name === 'accept' && value.includes('text/html'),
      );
      return {
        summary: `${c.method} ${printable(target)} [${headers.map(([n]) => n).join(',')}] ${c.framing} ${c.body?.summary ?? '(no body)'}`,
        bytes: httpBytes({
          method: c.method,
          target,
          headers,
          body: c.body?.bytes ?? null,
          framing: c.framing,
        }),
        wellFormed: c.body === null || c.framing === 'length' || c.framing === 'chunked',
        method: c.method,
        operationId: route.operationId,
        acceptsHtml,
      };
    });
}

/** Bytes on the socket that are not, or not quite, HTTP. */
const rawRequest: fc.Arbitrary<FuzzRequest> = fc
  .oneof(
    fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
    fc
      .tuple(
        fc.oneof(
          fc.constantFrom('GET', 'POST', 'PRI', 'get', 'G E T', ''),
          fc.stringMatching(/^[A-Z]{1,12}$/),
        ),
        fc.oneof(
          fc.constantFrom('/', '*', '/v1/owner/connections', 'http://x/', ''),
          rawBytesEncoded.map((p) => `/${p}`),
        ),
        fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1 extra', ''),
        fc.array(fc.string({ unit: 'binary-ascii', maxLength: 60 }), { maxLength: 4 }),
        fc.constantFrom('\r\n', '\n', '\r'),
      )
      .map(([method, path, version, lines, eol]) =>
        Buffer.from(`${method} ${path} ${version}${eol}${lines.join(eol)}${eol}${eol}`, 'latin1'),
      ),
    fc.constantFrom(
      Buffer.from(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(17_000)}\r\n\r\n`),
      Buffer.from('GET /healthz HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n'),
      Buffer.from(
        'POST /v1/owner/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
      ),
      Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'),
      Buffer.from(
        'GET /v1/owner/connections HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \u0000\r\n\r\n',
        'latin1',
      ),
    ),
  )
  .map((bytes) => ({
    summary: `raw ${printable(bytes.toString('latin1'), 120)}`,
    bytes,
    wellFormed: false,
    method: '',
    operationId: null,
    acceptsHtml: false,
  }));

/** Fuzz cases over every route of the contract's route table, and raw bytes on the socket. */
export function requestArbitrary(target: FuzzTarget): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    {
      weight: 9,
      arbitrary: fc.constantFrom(...contractRoutes).chain((route) => routeRequest(route, target)),
    },
    { weight: 1, arbitrary: rawRequest },
  );
}
