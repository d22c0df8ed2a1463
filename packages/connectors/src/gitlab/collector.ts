import { z } from 'zod';
import type { CollectedRecord, Collector } from '../implementation';
import { type ListCursor, listCursor } from '../list-cursor';
import { gitlabInstanceUrl } from './gitlab-instance-url';
import { gitlabPages } from './gitlab-pages';
import { profileRecord } from './profile-record';
import { GitlabProjectSchema, projectRecord } from './project-record';
import { readGitlabUser } from './read-gitlab-user';

const projectsPath = '/api/v4/projects?membership=true&per_page=100';
const starredPath = '/api/v4/projects?starred=true&per_page=100';
// GitLab moves a project's `last_activity_at` at most about once an hour:
// an incremental read starts that much before the last sync, so nothing
// active in between is missed (a project read twice is stored once).
const activityLagMs = 60 * 60 * 1000;

/** The member-projects list, only those active since the last sync when there was one. */
function projectsListPath(lastSyncAt: string | undefined): string {
  const since = lastSyncAt === undefined ? Number.NaN : Date.parse(lastSyncAt) - activityLagMs;
  if (Number.isNaN(since)) return projectsPath;
  return `${projectsPath}&last_activity_after=${encodeURIComponent(new Date(since).toISOString())}`;
}

/**
 * Collects a GitLab account's `projects` (those it is a member of),
 * `starred_projects` and its own `profile` (`GET /api/v4/user`) through the
 * REST API v4 with the connection's OAuth access token
 * (`secrets.access_token`), one emitted batch per page of 100, on the
 * instance named by the connection's `instance_url` field. Projects are
 * keyed by the project `id`, the profile by the user `id`. Each batch carries
 * a checkpoint (the list and its next page), and a resumed run starts from
 * its `cursor`. Incremental: the time a sync started is its `projects` sync
 * cursor, and the next sync reads only member projects with activity since
 * (`last_activity_after`, an hour earlier for GitLab's lag). Starred projects
 * have no such filter and are read whole; they are few.
 *
 * Rejects with a `ProviderError` (`credential_rejected` on 401/403 — the
 * server then renews the token and retries once —, `rate_limited`,
 * `provider_unavailable`), or with the signal's reason when cancelled.
 *
 * @example
 * const { counts } = await gitlabCollector({ fields, secrets, signal, fetch, emit, progress });
 * counts.projects; // 12
 * counts.profile; // 1, even for an account with nothing else
 */
export const gitlabCollector: Collector = async (input) => {
  const startedAt = new Date().toISOString();
  const instanceUrl = gitlabInstanceUrl(input.fields);
  const counts = { projects: 0, starred_projects: 0, profile: 0 };
  const page = z.array(GitlabProjectSchema);
  // The lists in reading order; a cursor names one by its index, and the
  // profile's is the one after them (last, so older checkpoints keep their meaning).
  const lists = [
    { stream: 'projects', path: projectsListPath(input.syncCursors?.projects) },
    { stream: 'starred_projects', path: starredPath },
  ] as const;
  const profileIndex = lists.length;
  const at = listCursor.decode(input.cursor, new URL(instanceUrl).origin, profileIndex + 1);

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
  if (at.list <= profileIndex) {
    // Every account has one, so an account with nothing else still syncs a record.
    const user = await readGitlabUser(instanceUrl, input);
    const done = listCursor.encode({ list: profileIndex + 1, next: null });
    await input.emit('profile', [profileRecord(user)], done);
    counts.profile = 1;
    input.progress('profile', { ...counts });
  }
  return { counts: { ...counts }, syncCursors: { projects: startedAt } };
};
