import type { ManifestInput } from '@conn/setup-engine';

const tokenDocs =
  'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens';

/**
 * GitHub, read with a personal access token. The API URL field lets a GitHub
 * Enterprise Server owner point the same connector at their instance.
 *
 * @example
 * const manifest = parseManifest(githubManifest);
 */
export const githubManifest: ManifestInput = {
  key: 'github',
  name: 'GitHub',
  description:
    'Your GitHub profile, your repositories and the repositories you starred, read through the GitHub REST API with a read-only personal access token.',
  category: 'code',
  homepage_url: 'https://github.com',
  docs_url: tokenDocs,
  streams: [
    {
      name: 'repositories',
      label: 'Repositories',
      description:
        'Repositories you own or can access: name, visibility, language, topics and dates.',
      record_key: 'id',
    },
    {
      name: 'starred',
      label: 'Starred repositories',
      description: 'Repositories you starred, with the time you starred them.',
      record_key: 'id',
    },
    {
      name: 'profile',
      label: 'Profile',
      description: 'Your GitHub account itself: login, name, bio and public counts.',
      record_key: 'id',
    },
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
        required: true,
        help_url: tokenDocs,
        help: 'Create one in GitHub under Settings → Developer settings → Personal access tokens. Read-only access is enough: conn never writes to GitHub.',
        placeholder: 'github_pat_…',
      },
      {
        name: 'api_url',
        label: 'API URL',
        type: 'url',
        secret: false,
        required: false,
        default: 'https://api.github.com',
        help: 'Change this only for GitHub Enterprise Server, e.g. https://github.example.com/api/v3.',
        advanced: true,
      },
    ],
  },
};
