import { z } from 'zod';
import type { CollectedRecord, Collector } from '../implementation';
import { type ListCursor, listCursor } from '../list-cursor';
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
 * keyed by the project `id`. Each batch carries a checkpoint (the list and
 * its next page), and a resumed run starts from its `cursor`.
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
  // The lists in reading order; a cursor names one by its index.
  const lists = [
    { stream: 'projects', path: projectsPath },
    { stream: 'starred_projects', path: starredPath },
  ] as const;
  const at = listCursor.decode(input.cursor, new URL(instanceUrl).origin, lists.length);

  for (const [index, list] of lists.entries()) {
    if (index < at.list) continue;
    const from = index === at.list ? at.next : null;
    for await (const projects of gitlabPages({ instanceUrl, path: list.path, page, from }, input)) {
      const records: CollectedRecord[] = projects.items.map(projectRecord);
      // Once a list's last page is read, the run resumes at the next list's start.
      const after: ListCursor =
        projects.next === null
          ? { list: index + 1, next: null }
          : { list: index, next: projects.next };
      if (records.length > 0) await input.emit(list.stream, records, listCursor.encode(after));
      counts[list.stream] += records.length;
      input.progress(list.stream, { ...counts });
    }
  }
  return { counts: { ...counts } };
};
