import {
  type Manifest,
  type Modality,
  type PlanningContext,
  parseManifest,
} from '@conn/setup-engine';

const streams = [
  { name: 'items', label: 'Items', description: 'Everything it collects.', record_key: 'id' },
];

/**
 * One small manifest per modality, made for these tests (the SDK depends on
 * no connector package). Keys and URLs avoid underscores so rendered text
 * can be checked for snake_case leaks.
 */
export const manifests: Record<Modality, Manifest> = {
  static_secret: parseManifest({
    key: 'forge',
    name: 'Forge',
    description: 'A code forge read with a personal access token.',
    category: 'code',
    docs_url: 'https://docs.example.com/forge',
    streams,
    setup: {
      modality: 'static_secret',
      credential_kind: 'personal_access_token',
      fields: [
        {
          name: 'token',
          label: 'Personal access token',
          type: 'password',
          secret: true,
          help_url: 'https://docs.example.com/forge/tokens',
        },
        {
          name: 'api_url',
          label: 'API URL',
          type: 'url',
          secret: false,
          required: false,
          default: 'https://api.forge.example.com',
          advanced: true,
        },
      ],
    },
  }),
  local_collector: parseManifest({
    key: 'agent-logs',
    name: 'Agent Logs',
    description: 'Session logs of a coding agent on your device.',
    category: 'ai',
    streams,
    setup: {
      modality: 'local_collector',
      collector: {
        name: 'agent-logs',
        label: 'Agent Logs collector',
        platforms: ['macos', 'linux'],
        default_paths: { macos: '~/.agent/sessions' },
      },
    },
  }),
  manual_or_upload: parseManifest({
    key: 'chat-export',
    name: 'Chat Export',
    description: 'A chat exported from your phone.',
    category: 'messaging',
    streams,
    setup: {
      modality: 'manual_or_upload',
      upload: {
        accepted_extensions: ['.txt', '.zip'],
        max_file_bytes: 1_073_741_824,
        multi_file: true,
        acquisition: [{ platform: 'android', steps: ['Open the chat', 'Tap Export chat'] }],
      },
    },
  }),
  provider_authorization: parseManifest({
    key: 'lab',
    name: 'Lab',
    description: 'A code forge read over OAuth.',
    category: 'code',
    streams,
    setup: {
      modality: 'provider_authorization',
      authorization: {
        provider_app: {
          group: 'lab',
          label: 'Lab OAuth app',
          config_keys: ['client_id', 'client_secret'],
          default_instance_url: 'https://lab.example.com',
        },
        authorization_path: '/oauth/authorize',
        token_path: '/oauth/token',
        identity_path: '/api/user',
        identity_field: 'username',
        scopes: ['read_user'],
        pkce: 'S256',
      },
    },
  }),
  browser_bound: parseManifest({
    key: 'shop',
    name: 'Shop',
    description: 'Orders read through a signed-in browser.',
    category: 'shopping',
    streams,
    setup: {
      modality: 'browser_bound',
      browser: {
        login_url: 'https://shop.example.com/signin',
        collector_label: 'Shop browser collector',
        platforms: ['macos'],
      },
    },
  }),
  unsupported: parseManifest({
    key: 'legacy',
    name: 'Legacy',
    description: 'A service with no way in.',
    category: 'other',
    streams,
    setup: { modality: 'unsupported', reason: 'Legacy offers no export and no API.' },
  }),
};

const implementations: PlanningContext['implementations'] = {
  forge: ['probe', 'collector'],
  'agent-logs': ['collector'],
  'chat-export': ['validator'],
  lab: ['collector'],
  shop: ['collector'],
};

const proofs: PlanningContext['proofs'] = (
  ['static_secret', 'provider_authorization', 'browser_bound'] as const
).map((modality) => ({
  connector: manifests[modality].key,
  modality,
  connection_id: 'con1',
  run_id: 'run1',
  record_count: 3,
  recorded_at: '2025-01-01T00:00:00.000Z',
}));

const ready: PlanningContext['deployment'] = {
  credential_key_provider: 'file',
  provider_apps: ['lab'],
  public_origin: 'https://conn.example.com',
  disk_space_low: false,
};

/** Deployments that drive the planner into each support state. */
export const contexts: Record<
  'proven' | 'unproven' | 'unconfigured' | 'unimplemented',
  PlanningContext
> = {
  proven: { deployment: ready, proofs, implementations },
  unproven: { deployment: ready, proofs: [], implementations },
  unconfigured: {
    deployment: {
      credential_key_provider: null,
      provider_apps: [],
      public_origin: null,
      disk_space_low: true,
    },
    proofs: [],
    implementations,
  },
  unimplemented: { deployment: ready, proofs: [], implementations: {} },
};
