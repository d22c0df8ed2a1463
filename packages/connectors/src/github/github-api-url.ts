import { ConnError } from '@conn/setup-engine';
import type { ConnectionFields } from '../implementation';
import { githubManifest } from './manifest';

/** The `api_url` default the owner sees in the form, read from the manifest so it lives in one place. */
function manifestDefault(): string {
  const { setup } = githubManifest;
  const field =
    setup.modality === 'static_secret'
      ? setup.fields.find((candidate) => candidate.name === 'api_url')
      : undefined;
  if (field?.default === undefined) {
    throw new ConnError('internal_error', 'The GitHub manifest has no default API URL.');
  }
  return field.default;
}

/**
 * The GitHub REST API base a connection talks to: its `api_url` field, or the
 * manifest's default (https://api.github.com), without a trailing slash. A
 * GitHub Enterprise Server URL such as `https://ghe.example.com/api/v3` works
 * the same way because every path is appended to it.
 *
 * @example
 * githubApiUrl({ api_url: 'https://ghe.example.com/api/v3/' }); // 'https://ghe.example.com/api/v3'
 * githubApiUrl({}); // 'https://api.github.com'
 */
export function githubApiUrl(fields: ConnectionFields): string {
  const entered = fields.api_url?.trim();
  const raw = entered === undefined || entered === '' ? manifestDefault() : entered;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConnError('invalid_request', `The GitHub API URL "${raw}" is not a valid URL.`, {
      field: 'api_url',
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConnError(
      'invalid_request',
      `The GitHub API URL "${raw}" must start with https://.`,
      {
        field: 'api_url',
      },
    );
  }
  // Query and fragment are dropped: paths are appended to the base, and a stray `?` would swallow them.
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
