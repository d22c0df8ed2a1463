import fc from 'fast-check';
import {
  credentialKinds,
  type ManifestInput,
  type Modality,
  platforms,
  providerAppConfigKeys,
} from '../src/index';

/**
 * Connector keys and provider app groups are drawn from small pools, so that
 * arbitrary contexts often (not always) hold proofs, implementations and
 * provider apps for the arbitrary manifest they are planned against.
 */
export const connectorKeyPool = ['alpha', 'beta-mail', 'gamma2'] as const;
export const providerGroupPool = ['alpha', 'shared-app'] as const;

// Upper-case words are welcome, but never CAPS_WITH_UNDERSCORES: copy built from
// these must stay free of anything that reads like an environment variable.
const word = fc.constantFrom('Acme', 'mail', 'Export', 'code', 'the', 'Cloud', 'data', 'Ünïcode');
/** Owner-facing prose as a contributor would write it. */
export const proseArbitrary = fc
  .array(word, { minLength: 1, maxLength: 4 })
  .map((words) => words.join(' '));
/** Any non-empty text, including odd unicode: what a manifest may legally hold. */
const text = fc.oneof(proseArbitrary, fc.string({ minLength: 1, maxLength: 24, unit: 'grapheme' }));
const url = fc.constantFrom(
  'https://docs.example.com/connect',
  'http://127.0.0.1:8080/help',
  'https://example.org/a?b=c#d',
);
// Plain objects, as JSON gives: deep-equality checks compare prototypes too.
const plain = { noNullPrototype: true } as const;
const identifier = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
const platformList = fc.uniqueArray(fc.constantFrom(...platforms), { minLength: 1 });

const credentialField = fc.record(
  {
    name: identifier,
    label: text,
    type: fc.constantFrom('text', 'password', 'url', 'email', 'number'),
    secret: fc.boolean(),
    required: fc.boolean(),
    help_url: url,
    help: text,
    pattern: fc.constantFrom('^.+$', '^[a-z]{3,}_[A-Za-z0-9]+$', '\\d+'),
    default: text,
    placeholder: text,
    advanced: fc.boolean(),
  },
  { requiredKeys: ['name', 'label', 'type', 'secret'], ...plain },
);

const staticSecret = fc
  .record(
    {
      credential_kind: fc.constantFrom(...credentialKinds),
      fields: fc.uniqueArray(credentialField, {
        selector: (field) => field.name,
        minLength: 1,
        maxLength: 4,
      }),
    },
    plain,
  )
  .map(({ credential_kind, fields }) => ({
    modality: 'static_secret' as const,
    credential_kind,
    // The first field is the secret one; secret fields never carry a default.
    fields: fields.map((field, index) => {
      const secret = index === 0 ? true : field.secret;
      const { default: fallback, ...rest } = field;
      return secret || fallback === undefined
        ? { ...rest, secret }
        : { ...rest, secret, default: fallback };
    }),
  }));

const localCollector = fc.record(
  {
    modality: fc.constant('local_collector' as const),
    collector: fc.record(
      {
        name: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
        label: text,
        platforms: platformList,
        default_paths: fc.dictionary(
          fc.constantFrom(...platforms),
          fc.constantFrom('~/x', 'C:\\y'),
          plain,
        ),
      },
      { requiredKeys: ['name', 'label', 'platforms'], ...plain },
    ),
  },
  plain,
);

const manualUpload = fc.record(
  {
    modality: fc.constant('manual_or_upload' as const),
    upload: fc
      .record(
        {
          accepted_extensions: fc.uniqueArray(fc.stringMatching(/^\.[a-z0-9]{1,4}$/), {
            maxLength: 3,
          }),
          accepted_names: fc.array(text, { maxLength: 2 }),
          max_file_bytes: fc.integer({ min: 1, max: 2 ** 40 }),
          multi_file: fc.boolean(),
          acquisition: fc.array(
            fc.record(
              {
                platform: fc.constantFrom(...platforms),
                steps: fc.array(text, { minLength: 1, maxLength: 3 }),
                help_url: url,
              },
              { requiredKeys: ['platform', 'steps'], ...plain },
            ),
            { minLength: 1, maxLength: 2 },
          ),
        },
        { requiredKeys: ['max_file_bytes', 'multi_file', 'acquisition'], ...plain },
      )
      .map((upload) =>
        (upload.accepted_extensions?.length ?? 0) + (upload.accepted_names?.length ?? 0) > 0
          ? upload
          : { ...upload, accepted_extensions: ['.zip'] },
      ),
  },
  plain,
);

const providerAuthorization = fc.record(
  {
    modality: fc.constant('provider_authorization' as const),
    authorization: fc.record(
      {
        provider_app: fc.record(
          {
            group: fc.constantFrom(...providerGroupPool),
            label: proseArbitrary,
            config_keys: fc.subarray([...providerAppConfigKeys], { minLength: 2 }),
            default_instance_url: url,
            registration_help_url: url,
          },
          { requiredKeys: ['group', 'label', 'config_keys', 'default_instance_url'], ...plain },
        ),
        authorization_path: fc.constantFrom('/oauth/authorize', '/login/oauth/authorize'),
        token_path: fc.constant('/oauth/token'),
        identity_path: fc.constantFrom('/api/v4/user', '/user'),
        identity_field: fc.constantFrom('username', 'login', 'email'),
        scopes: fc.array(fc.stringMatching(/^[a-z_:]{1,12}$/), { minLength: 1, maxLength: 3 }),
        pkce: fc.constant('S256' as const),
      },
      plain,
    ),
  },
  plain,
);

const browserBound = fc.record(
  {
    modality: fc.constant('browser_bound' as const),
    browser: fc.record({ login_url: url, collector_label: text, platforms: platformList }, plain),
  },
  plain,
);

const unsupported = fc.record(
  { modality: fc.constant('unsupported' as const), reason: text },
  plain,
);

/** A setup block of the given modality (or of any modality). */
export function setupArbitrary(modality?: Modality): fc.Arbitrary<ManifestInput['setup']> {
  const byModality = {
    static_secret: staticSecret,
    local_collector: localCollector,
    manual_or_upload: manualUpload,
    provider_authorization: providerAuthorization,
    browser_bound: browserBound,
    unsupported,
  } satisfies Record<Modality, fc.Arbitrary<ManifestInput['setup']>>;
  return modality === undefined ? fc.oneof(...Object.values(byModality)) : byModality[modality];
}

/** Evidence a proof carries; connector and modality are chosen by the caller. */
export const proofEvidenceArbitrary = fc.record(
  {
    connection_id: fc.uuid().map((id) => `cn_${id}`),
    run_id: fc.uuid().map((id) => `run_${id}`),
    record_count: fc.integer({ min: 1, max: 1_000_000 }),
    recorded_at: fc
      .date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
      .map((date) => date.toISOString()),
    evidence_url: url,
  },
  { requiredKeys: ['connection_id', 'run_id', 'record_count', 'recorded_at'], ...plain },
);

/**
 * A valid manifest input, built from parts: any key from the pool, any setup
 * block, and sometimes a shipped proof (always for this connector and modality,
 * as the schema demands).
 *
 * @example
 * fc.assert(fc.property(manifestArbitrary(), (input) => { parseManifest(input); }));
 */
export function manifestArbitrary(modality?: Modality): fc.Arbitrary<ManifestInput> {
  return fc
    .record(
      {
        key: fc.constantFrom(...connectorKeyPool),
        name: text,
        description: text,
        category: fc.constantFrom(
          'code',
          'email',
          'ai',
          'messaging',
          'location',
          'shopping',
          'other',
        ),
        homepage_url: url,
        docs_url: url,
        streams: fc.uniqueArray(
          fc.record({ name: identifier, label: text, description: text, record_key: text }, plain),
          { selector: (stream) => stream.name, minLength: 1, maxLength: 3 },
        ),
        setup: setupArbitrary(modality),
        shipped: fc.array(proofEvidenceArbitrary, { maxLength: 2 }),
      },
      { requiredKeys: ['key', 'name', 'description', 'category', 'streams', 'setup'], ...plain },
    )
    .map(({ shipped, ...manifest }) =>
      shipped === undefined
        ? manifest
        : {
            ...manifest,
            proofs: shipped.map((evidence) => ({
              connector: manifest.key,
              modality: manifest.setup.modality,
              ...evidence,
            })),
          },
    );
}
