import {
  type Manifest,
  type ManifestInput,
  ManifestSchema,
  type Modality,
  modalities,
  type PlanningContext,
  planCatalog,
} from '@conn/setup-engine';
import { measure } from '../measure';
import type { BenchFigure } from '../report';

function syntheticSetup(modality: Modality, key: string, i: number): ManifestInput['setup'] {
  switch (modality) {
    case 'static_secret':
      return {
        modality,
        credential_kind: 'api_key',
        fields: [
          {
            name: 'api_url',
            label: 'API URL',
            type: 'url',
            secret: false,
            default: 'https://api.example.org',
            advanced: true,
          },
          {
            name: 'token',
            label: 'API key',
            type: 'password',
            secret: true,
            help_url: 'https://example.org/keys',
          },
        ],
      };
    case 'local_collector':
      return {
        modality,
        collector: {
          name: key,
          label: `${key} collector`,
          platforms: ['macos', 'linux'],
          default_paths: { linux: '~/.synthetic' },
        },
      };
    case 'manual_or_upload':
      return {
        modality,
        upload: {
          accepted_extensions: ['.json'],
          max_file_bytes: 1_000_000,
          multi_file: true,
          acquisition: [{ platform: 'web', steps: ['Export your data.'] }],
        },
      };
    case 'provider_authorization':
      return {
        modality,
        authorization: {
          provider_app: {
            group: `group-${i % 7}`,
            label: 'Synthetic OAuth app',
            config_keys: ['client_id', 'client_secret'],
            default_instance_url: 'https://auth.example.org',
          },
          authorization_path: '/authorize',
          token_path: '/token',
          identity_path: '/me',
          identity_field: 'login',
          scopes: ['read'],
          pkce: 'S256',
        },
      };
    case 'browser_bound':
      return {
        modality,
        browser: {
          login_url: 'https://example.org/login',
          collector_label: 'Browser collector',
          platforms: ['web'],
        },
      };
    case 'unsupported':
      return { modality, reason: 'No public export exists.' };
  }
}

/** 1,000 synthetic manifests spread over every modality, as a big third-party catalog would be. */
export function syntheticManifests(count: number): ManifestInput[] {
  return Array.from({ length: count }, (_, i) => {
    const modality = modalities[i % modalities.length] ?? 'unsupported';
    const key = `synthetic-${i}`;
    return {
      key,
      name: `Synthetic ${i}`,
      description: 'A generated connector for the planner benchmark.',
      category: 'other' as const,
      docs_url: `https://example.org/connectors/${key}`,
      streams: [
        { name: 'items', label: 'Items', description: 'Generated items.', record_key: 'id' },
        { name: 'events', label: 'Events', description: 'Generated events.', record_key: 'id' },
      ],
      setup: syntheticSetup(modality, key, i),
    };
  });
}

/** Planning the whole catalog vs zod-parsing it (quality.md: planning adds ≤ 1× the parse time; one plan < 50 µs). */
export async function plannerSuite(): Promise<BenchFigure[]> {
  const inputs = syntheticManifests(1_000);
  const parsed: Manifest[] = inputs.map((input) => ManifestSchema.parse(input));
  const context: PlanningContext = {
    deployment: {
      credential_key_provider: 'env',
      provider_apps: ['group-1', 'group-3'],
      public_origin: 'http://127.0.0.1:7777',
    },
    proofs: [],
    implementations: Object.fromEntries(
      parsed.filter((_, i) => i % 3 !== 0).map((m) => [m.key, ['collector', 'probe', 'validator']]),
    ),
  };

  const parse = await measure(() => {
    for (const input of inputs) ManifestSchema.parse(input);
  });
  const plan = await measure(() => {
    planCatalog(parsed, context);
  });
  const perPlanMicros = (plan.meanMs * 1000) / parsed.length;
  const ratio = plan.meanMs / parse.meanMs;
  return [
    {
      suite: 'planner',
      name: 'plan 1,000 manifests / zod-parse them',
      measure: 'time ratio',
      value: ratio,
      unit: '×',
      baseline: parse.meanMs,
      bar: '≤ 1×',
      pass: ratio <= 1,
    },
    {
      suite: 'planner',
      name: 'one plan',
      measure: 'mean time per plan',
      value: perPlanMicros,
      unit: 'µs',
      baseline: null,
      bar: '< 50 µs',
      pass: perPlanMicros < 50,
    },
  ];
}
