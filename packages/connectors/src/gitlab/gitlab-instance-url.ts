import { ConnError } from '@conn/setup-engine';
import type { ConnectionFields } from '../implementation';
import { gitlabManifest } from './manifest';

/** The instance a connection talks to when it names none: the manifest's default (gitlab.com). */
function manifestDefault(): string {
  const { setup } = gitlabManifest;
  if (setup.modality !== 'provider_authorization') {
    throw new ConnError('internal_error', 'The GitLab manifest has no provider app.');
  }
  return setup.authorization.provider_app.default_instance_url;
}

/**
 * The GitLab instance a connection reads: its non-secret `instance_url` field
 * (set from the operator's provider app when the connection was authorized),
 * or the manifest's default, without a trailing slash. A self-managed GitLab
 * under a path (`https://example.com/gitlab`) works because every API path is
 * appended to it.
 *
 * @example
 * gitlabInstanceUrl({ instance_url: 'https://gitlab.example.com/' }); // 'https://gitlab.example.com'
 * gitlabInstanceUrl({}); // 'https://gitlab.com'
 */
export function gitlabInstanceUrl(fields: ConnectionFields): string {
  const entered = fields.instance_url?.trim();
  const raw = entered === undefined || entered === '' ? manifestDefault() : entered;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConnError('invalid_request', `The GitLab instance URL "${raw}" is not a valid URL.`, {
      field: 'instance_url',
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConnError(
      'invalid_request',
      `The GitLab instance URL "${raw}" must start with https://.`,
      { field: 'instance_url' },
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
