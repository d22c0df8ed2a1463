import type { ManifestInput, Modality } from '../src/index';

const streams = [
  { name: 'items', label: 'Items', description: 'Everything it collects.', record_key: 'id' },
];

/**
 * One valid manifest input per modality, shaped like the bundled catalog's
 * connectors. Tests copy and break them; they are never mutated.
 *
 * @example
 * parseManifest(manifestInputs.static_secret);
 */
export const manifestInputs = {
  static_secret: {
    key: 'forge',
    name: 'Forge',
    description: 'A code forge read with a personal access token.',
    category: 'code',
    docs_url: 'https://docs.example.com/forge',
    streams: [
      ...streams,
      { name: 'starred', label: 'Starred', description: 'Starred repositories.', record_key: 'id' },
    ],
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
          pattern: '^[a-z]+_[A-Za-z0-9]+$',
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
  },
  local_collector: {
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
        default_paths: { macos: '~/.agent/sessions', linux: '~/.agent/sessions' },
      },
    },
  },
  manual_or_upload: {
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
        acquisition: [{ platform: 'android', steps: ['Open the chat', 'Export chat'] }],
      },
    },
  },
  provider_authorization: {
    key: 'lab',
    name: 'Lab',
    description: 'A code forge read over OAuth.',
    category: 'code',
    homepage_url: 'https://lab.example.com',
    streams,
    setup: {
      modality: 'provider_authorization',
      authorization: {
        provider_app: {
          group: 'lab',
          label: 'Lab OAuth app',
          config_keys: ['client_id', 'client_secret', 'instance_url'],
          default_instance_url: 'https://lab.example.com',
        },
        authorization_path: '/oauth/authorize',
        token_path: '/oauth/token',
        identity_path: '/api/v4/user',
        identity_field: 'username',
        scopes: ['read_user', 'read_api'],
        pkce: 'S256',
      },
    },
  },
  browser_bound: {
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
  },
  unsupported: {
    key: 'legacy',
    name: 'Legacy',
    description: 'A service with no way in.',
    category: 'other',
    streams,
    setup: { modality: 'unsupported', reason: 'Legacy offers no export and no API.' },
  },
} as const satisfies Record<Modality, ManifestInput>;

/** A deep, mutable copy of one fixture, for tests that break it. */
export function manifestInput(modality: Modality): Record<string, unknown> {
  return structuredClone(manifestInputs[modality]) as unknown as Record<string, unknown>;
}
