import { z } from 'zod';
import type { CollectedRecord, Collector } from '../implementation';
import { type ListCursor, listCursor } from '../list-cursor';
import { githubApiUrl } from './github-api-url';
import type { GithubRequestContext } from './github-get';
import { githubPages } from './github-pages';
import { profileRecord } from './profile-record';
import { readGithubUser } from './read-github-user';
import { GithubRepositorySchema, repositoryRecord } from './repository-record';

// Most recently updated first: any change (a push, a new repository) moves one onto the first page, so its ETag tells.
const repositoriesPath =
  '/user/repos?per_page=100&affiliation=owner,collaborator,organization_member&sort=updated&direction=desc';
const starredPath = '/user/starred?per_page=100';
// This media type makes GitHub wrap each starred repository with the time it was starred.
const starredMediaType = 'application/vnd.github.star+json';

const StarSchema = z.looseObject({
  starred_at: z.string().nullish(),
  repo: GithubRepositorySchema,
});

/**
 * Collects a GitHub account's `repositories` (owned, collaborator and
 * organisation-member repositories), `starred` repositories and its own
 * `profile` (the authenticated user, `GET /user`) through the REST API, one
 * emitted batch per page of 100, following GitHub's `Link` pagination on the
 * API's own origin only. Repositories are keyed by the repository `id`
 * (starred ones add `starred_at`), the profile by the user `id`. Each batch
 * carries a checkpoint (the list and its next page), and a resumed run starts
 * from its `cursor` instead of the first page.
 *
 * Incremental: each list's first-page ETag, and the profile's, is returned in
 * `syncCursors` and sent back as `If-None-Match` by the next sync; a 304 (both
 * lists are newest first) means it is unchanged and nothing is read or
 * written. A changed list is read again whole; records upsert by key.
 *
 * Rejects with a `ProviderError` (`credential_rejected` on 401/403,
 * `rate_limited` with the reset time, `provider_unavailable` otherwise), or with the
 * signal's reason when the run is cancelled.
 *
 * @example
 * const { counts } = await githubCollector({ fields, secrets, signal, fetch, emit, progress });
 * counts.repositories; // 42
 * counts.profile; // 1, even for an account with nothing else
 */
export const githubCollector: Collector = async (input) => {
  const apiUrl = githubApiUrl(input.fields);
  const context: GithubRequestContext = input;
  const counts = { repositories: 0, starred: 0, profile: 0 };
  // A list answered 304, or resumed mid-way, keeps the ETag it had.
  const etags: Record<string, string> = { ...input.syncCursors };
  const keepEtag = (stream: keyof typeof counts, etag: string | null) => {
    if (etag !== null) etags[stream] = etag;
  };
  // The lists in reading order; a cursor names one by its index. The profile
  // comes last so a checkpoint stored before it existed still means the same list.
  const lists = 3;
  const at = listCursor.decode(input.cursor, new URL(apiUrl).origin, lists);

  const emitPage = async (
    stream: keyof typeof counts,
    records: CollectedRecord[],
    after: ListCursor,
  ) => {
    if (records.length > 0) await input.emit(stream, records, listCursor.encode(after));
    counts[stream] += records.length;
    input.progress(stream, { ...counts });
  };
  // Once a list's last page is read, the run resumes at the next list's start.
  const after = (list: number, next: string | null): ListCursor =>
    next === null ? { list: list + 1, next: null } : { list, next };

  if (at.list === 0) {
    const repositories = {
      apiUrl,
      path: repositoriesPath,
      page: z.array(GithubRepositorySchema),
      from: at.next,
      etag: input.syncCursors?.repositories ?? null,
    };
    for await (const page of githubPages(repositories, context)) {
      keepEtag('repositories', page.etag);
      await emitPage('repositories', page.items.map(repositoryRecord), after(0, page.next));
    }
  }

  if (at.list <= 1) {
    const starred = {
      apiUrl,
      path: starredPath,
      page: z.array(StarSchema),
      accept: starredMediaType,
      from: at.list === 1 ? at.next : null,
      etag: input.syncCursors?.starred ?? null,
    };
    for await (const page of githubPages(starred, context)) {
      keepEtag('starred', page.etag);
      const records = page.items.map((star) => ({
        ...repositoryRecord(star.repo),
        starred_at: star.starred_at ?? null,
      }));
      await emitPage('starred', records, after(1, page.next));
    }
  }

  // What GitHub says of the token's expiry comes with the profile's answer.
  let expiry: { credentialExpiresAt?: string | null } = {};
  if (at.list <= 2) {
    // Every account has one, so an account with nothing else still syncs a record.
    const profile = await readGithubUser(apiUrl, context, input.syncCursors?.profile ?? null);
    keepEtag('profile', profile.etag);
    if (profile.credentialExpiresAt !== undefined) {
      expiry = { credentialExpiresAt: profile.credentialExpiresAt };
    }
    if (profile.user !== null) {
      await emitPage('profile', [profileRecord(profile.user)], after(2, null));
    }
  }

  return { counts: { ...counts }, syncCursors: etags, ...expiry };
};
