import { z } from 'zod';
import type { CollectedRecord, Collector } from '../implementation';
import { gitlabInstanceUrl } from './gitlab-instance-url';
import { gitlabPages } from './gitlab-pages';
import { GitlabProjectSchema, projectRecord } from './project-record';

const projectsPath = '/api/v4/projects?membership=true&per_page=100';
const starredPath = '/api/v4/projects?starred=true&per_page=100';

/**
 * Collects a GitLab account's `projects` (those it is a member of) and
 * `starred_projects` through the REST API v4 with the connection's OAuth
 * access token (`secrets.access_token`), one emitted batch per page of 100,
 * on the instance named by the connection's `instance_url` field. Records are
 * keyed by the project `id`.
 *
 * Rejects with a `ProviderError` (`credential_rejected` on 401/403 — the
 * server then renews the token and retries once —, `rate_limited`,
 * `provider_unavailable`), or with the signal's reason when cancelled.
 *
 * @example
 * const { counts } = await gitlabCollector({ fields, secrets, signal, fetch, emit, progress });
 * counts.projects; // 12
 */
export const gitlabCollector: Collector = async (input) => {
  const instanceUrl = gitlabInstanceUrl(input.fields);
  const counts = { projects: 0, starred_projects: 0 };
  const page = z.array(GitlabProjectSchema);

  const emitPage = async (stream: keyof typeof counts, records: CollectedRecord[]) => {
    if (records.length > 0) await input.emit(stream, records);
    counts[stream] += records.length;
    input.progress(stream, { ...counts });
  };

  for await (const projects of gitlabPages({ instanceUrl, path: projectsPath, page }, input)) {
    await emitPage('projects', projects.map(projectRecord));
  }
  for await (const projects of gitlabPages({ instanceUrl, path: starredPath, page }, input)) {
    await emitPage('starred_projects', projects.map(projectRecord));
  }
  return { counts: { ...counts } };
};
