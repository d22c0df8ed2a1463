import type { ManifestInput } from '@conn/setup-engine';

const oauthDocs = 'https://docs.gitlab.com/integration/oauth_provider/';

/**
 * GitLab over OAuth 2.0 with PKCE. The OAuth app (client id and secret, and
 * the instance URL for self-managed GitLab) is instance configuration the
 * operator enters once, never a per-connection setting.
 *
 * @example
 * const manifest = parseManifest(gitlabManifest);
 */
export const gitlabManifest: ManifestInput = {
  key: 'gitlab',
  name: 'GitLab',
  description:
    'Your GitLab profile, your projects and the projects you starred, on gitlab.com or a self-managed GitLab, read with read-only OAuth access you approve at GitLab.',
  category: 'code',
  homepage_url: 'https://gitlab.com',
  docs_url: oauthDocs,
  streams: [
    {
      name: 'projects',
      label: 'Projects',
      description: 'Projects you are a member of: name, namespace, visibility and dates.',
      record_key: 'id',
    },
    {
      name: 'starred_projects',
      label: 'Starred projects',
      description: 'Projects you starred.',
      record_key: 'id',
    },
    {
      name: 'profile',
      label: 'Profile',
      description: 'Your GitLab account itself: username, name and bio.',
      record_key: 'id',
    },
  ],
  setup: {
    modality: 'provider_authorization',
    authorization: {
      provider_app: {
        group: 'gitlab',
        label: 'GitLab OAuth app',
        config_keys: ['client_id', 'client_secret', 'instance_url'],
        default_instance_url: 'https://gitlab.com',
        registration_help_url: oauthDocs,
      },
      authorization_path: '/oauth/authorize',
      token_path: '/oauth/token',
      identity_path: '/api/v4/user',
      identity_field: 'username',
      scopes: ['read_user', 'read_api'],
      pkce: 'S256',
    },
  },
};
