import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnError, isConnError, type Modality, parseManifest } from '../src/index';
import { manifestInput, manifestInputs } from './manifest-inputs';

const allModalities = [
  'static_secret',
  'local_collector',
  'manual_or_upload',
  'provider_authorization',
  'browser_bound',
  'unsupported',
] as const satisfies readonly Modality[];

const proof = (overrides: Record<string, unknown> = {}) => ({
  connector: 'forge',
  modality: 'static_secret',
  connection_id: 'cn_01',
  run_id: 'run_01',
  record_count: 12,
  recorded_at: '2025-01-02T03:04:05Z',
  ...overrides,
});

/** Parses `input` expecting `invalid_manifest`, and returns the thrown error. */
function rejection(input: unknown): ConnError {
  try {
    parseManifest(input);
  } catch (error) {
    expect(isConnError(error, 'invalid_manifest')).toBe(true);
    return error as ConnError;
  }
  throw new Error('parseManifest accepted an invalid manifest');
}

function fields(input: Record<string, unknown>): Record<string, unknown>[] {
  const setup = input.setup as { fields: Record<string, unknown>[] };
  return setup.fields;
}

describe('parseManifest: valid manifests', () => {
  it.each(allModalities)('parses a %s manifest', (modality) => {
    const manifest = parseManifest(manifestInputs[modality]);
    expect(manifest.key).toBe(manifestInputs[modality].key);
    expect(manifest.setup.modality).toBe(modality);
    expect(manifest.proofs).toEqual([]);
  });

  it('fills the documented defaults of a credential field', () => {
    const manifest = parseManifest(manifestInputs.static_secret);
    if (manifest.setup.modality !== 'static_secret') throw new Error('wrong modality');
    const [token, apiUrl] = manifest.setup.fields;
    expect(token).toMatchObject({ required: true, advanced: false });
    expect(apiUrl).toMatchObject({ required: false, advanced: true });
  });

  it('fills upload and collector defaults', () => {
    const upload = parseManifest(manifestInputs.manual_or_upload);
    if (upload.setup.modality !== 'manual_or_upload') throw new Error('wrong modality');
    expect(upload.setup.upload.accepted_names).toEqual([]);

    const input = manifestInput('local_collector');
    delete (input.setup as { collector: Record<string, unknown> }).collector.default_paths;
    const collector = parseManifest(input);
    if (collector.setup.modality !== 'local_collector') throw new Error('wrong modality');
    expect(collector.setup.collector.default_paths).toEqual({});
  });

  it('accepts a shipped proof that carries its evidence', () => {
    const manifest = parseManifest({ ...manifestInputs.static_secret, proofs: [proof()] });
    expect(manifest.proofs).toEqual([proof()]);
  });
});

describe('parseManifest: invalid manifests name the offending field', () => {
  const cases: Array<[string, () => unknown, string]> = [
    [
      'a field name that is not an identifier',
      () => {
        const input = manifestInput('static_secret');
        fields(input)[0]!.name = 'Token';
        return input;
      },
      'setup.fields.0.name',
    ],
    [
      'a connector key with capitals',
      () => ({ ...manifestInputs.static_secret, key: 'Forge' }),
      'key',
    ],
    ['no stream at all', () => ({ ...manifestInputs.static_secret, streams: [] }), 'streams'],
    [
      'an unknown modality',
      () => ({ ...manifestInputs.unsupported, setup: { modality: 'magic', reason: 'x' } }),
      'setup.modality',
    ],
    [
      'a secret field with a default',
      () => {
        const input = manifestInput('static_secret');
        fields(input)[0]!.default = 'ghp_default';
        return input;
      },
      'setup.fields.0.default',
    ],
    [
      'a static_secret setup without a secret field',
      () => {
        const input = manifestInput('static_secret');
        (input.setup as { fields: unknown[] }).fields = [fields(input)[1]];
        return input;
      },
      'setup.fields',
    ],
    [
      'a pattern that is not a regular expression',
      () => {
        const input = manifestInput('static_secret');
        fields(input)[0]!.pattern = '([a-z';
        return input;
      },
      'setup.fields.0.pattern',
    ],
    [
      'a help URL that is not http(s)',
      () => {
        const input = manifestInput('static_secret');
        fields(input)[0]!.help_url = 'javascript:alert(1)';
        return input;
      },
      'setup.fields.0.help_url',
    ],
    [
      'a duplicate stream name',
      () => ({
        ...manifestInputs.local_collector,
        streams: [
          manifestInputs.local_collector.streams[0],
          manifestInputs.local_collector.streams[0],
        ],
      }),
      'streams.1.name',
    ],
    [
      'a duplicate credential field name',
      () => {
        const input = manifestInput('static_secret');
        fields(input)[1]!.name = 'token';
        return input;
      },
      'setup.fields.1.name',
    ],
    [
      'a shipped proof without a connection id',
      () => {
        const { connection_id: _omit, ...rest } = proof();
        return { ...manifestInputs.static_secret, proofs: [rest] };
      },
      'proofs.0.connection_id',
    ],
    [
      'a shipped proof without a run id',
      () => {
        const { run_id: _omit, ...rest } = proof();
        return { ...manifestInputs.static_secret, proofs: [rest] };
      },
      'proofs.0.run_id',
    ],
    [
      'a shipped proof with zero records',
      () => ({ ...manifestInputs.static_secret, proofs: [proof({ record_count: 0 })] }),
      'proofs.0.record_count',
    ],
    [
      'a shipped proof without a time',
      () => ({ ...manifestInputs.static_secret, proofs: [proof({ recorded_at: 'yesterday' })] }),
      'proofs.0.recorded_at',
    ],
    [
      'a shipped proof naming another connector',
      () => ({ ...manifestInputs.static_secret, proofs: [proof({ connector: 'other' })] }),
      'proofs.0.connector',
    ],
    [
      'a shipped proof for another modality',
      () => ({
        ...manifestInputs.static_secret,
        proofs: [proof(), proof({ modality: 'provider_authorization' })],
      }),
      'proofs.1.modality',
    ],
    [
      'an upload that accepts nothing',
      () => {
        const input = manifestInput('manual_or_upload');
        (input.setup as { upload: Record<string, unknown> }).upload.accepted_extensions = [];
        return input;
      },
      'setup.upload.accepted_extensions',
    ],
    [
      'an authorization without PKCE S256',
      () => {
        const input = manifestInput('provider_authorization');
        (input.setup as { authorization: Record<string, unknown> }).authorization.pkce = 'plain';
        return input;
      },
      'setup.authorization.pkce',
    ],
    [
      'a collector with no platform',
      () => {
        const input = manifestInput('local_collector');
        (input.setup as { collector: Record<string, unknown> }).collector.platforms = [];
        return input;
      },
      'setup.collector.platforms',
    ],
  ];

  it.each(cases)('rejects %s (%s)', (_title, build, path) => {
    const error = rejection(build());
    expect(error.code).toBe('invalid_manifest');
    expect(error.category).toBe('bad_input');
    expect(error.message).toContain(`${path}: `);
    expect(error.details?.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${path.replaceAll('.', '\\.')}: `)),
      ]),
    );
  });

  it('never echoes the value of a rejected secret default', () => {
    const input = manifestInput('static_secret');
    fields(input)[0]!.default = 'canary-7f3a9c-default';
    const error = rejection(input);
    expect(JSON.stringify(error)).not.toContain('canary-7f3a9c-default');
    expect(error.message).not.toContain('canary-7f3a9c-default');
  });

  it('rejects unknown top-level fields (strict) and names them', () => {
    const error = rejection({ ...manifestInputs.browser_bound, proven: true });
    expect(error.message).toContain('Unrecognized key: "proven"');
  });

  it('rejects unknown fields inside the setup block and names where', () => {
    const input = manifestInput('static_secret');
    fields(input)[0]!.sensitive = true;
    expect(rejection(input).message).toContain('setup.fields.0: Unrecognized key: "sensitive"');

    const collector = manifestInput('local_collector');
    (collector.setup as Record<string, unknown>).fields = [];
    expect(rejection(collector).message).toContain('setup: Unrecognized key: "fields"');
  });

  it('names the connector it could read, or "unknown"', () => {
    expect(rejection({ ...manifestInputs.static_secret, streams: [] }).details?.connector).toBe(
      'forge',
    );
    expect(rejection(null).details?.connector).toBe('unknown');
    expect(rejection('forge').message).toMatch(/^Manifest "unknown" is invalid: /);
  });

  it('property: arbitrary junk is always refused with invalid_manifest, never another error', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        expect(() => parseManifest(junk)).toThrow(ConnError);
        expect(rejection(junk).code).toBe('invalid_manifest');
      }),
    );
  });

  it('property: dropping any required top-level field is refused, naming that field', () => {
    const required = ['key', 'name', 'description', 'category', 'streams', 'setup'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...allModalities),
        fc.constantFrom(...required),
        (modality, field) => {
          const input = manifestInput(modality);
          delete input[field];
          expect(rejection(input).message).toContain(`${field}: `);
        },
      ),
    );
  });
});
