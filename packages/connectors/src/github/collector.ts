import { z } from 'zod';
import type { CollectedRecord, Collector } from '../implementation';
import { githubApiUrl } from './github-api-url';
import type { GithubRequestContext } from './github-get';
import { githubPages } from './github-pages';
import { GithubRepositorySchema, repositoryRecord } from './repository-record';

const repositoriesPath =
  '/user/repos?per_page=100&affiliation=owner,collaborator,organization_member&sort=full_name';
const starredPath = '/user/starred?per_page=100';
// This media type makes GitHub wrap each starred repository with the time it was starred.
const starredMediaType = 'application/vnd.github.star+json';

const StarSchema = z.looseObject({
  starred_at: z.string().nullish(),
  repo: GithubRepositorySchema,
});

/**
 * Collects a GitHub account's `repositories` (owned, collaborator and
 * organisation-member repositories) and `starred` repositories through the
 * REST API, one emitted batch per page of 100, following GitHub's `Link`
 * pagination on the API's own origin only. Records are keyed by the
 * repository `id`; starred ones add `starred_at`.
 *
 * Rejects with a `ProviderError` (`credential_rejected` on 401/403,
 * `rate_limited` with the reset time, `provider_unavailable` otherwise), or with the
 * signal's reason when the run is cancelled.
 *
 * @example
 * const { counts } = await githubCollector({ fields, secrets, signal, fetch, emit, progress });
 * counts.repositories; // 42
 */
export const githubCollector: Collector = async (input) => {
  const apiUrl = githubApiUrl(input.fields);
  const context: GithubRequestContext = input;
  const counts = { repositories: 0, starred: 0 };

  const emitPage = async (stream: keyof typeof counts, records: CollectedRecord[]) => {
    if (records.length > 0) await input.emit(stream, records);
    counts[stream] += records.length;
    input.progress(stream, { ...counts });
  };

  const repositories = { apiUrl, path: repositoriesPath, page: z.array(GithubRepositorySchema) };
  for await (const page of githubPages(repositories, context)) {
    await emitPage('repositories', page.map(repositoryRecord));
  }

  const starred = {
    apiUrl,
    path: starredPath,
    page: z.array(StarSchema),
    accept: starredMediaType,
  };
  for await (const page of githubPages(starred, context)) {
    const records = page.map((star) => ({
      ...repositoryRecord(star.repo),
      starred_at: star.starred_at ?? null,
    }));
    await emitPage('starred', records);
  }

  return { counts: { ...counts } };
};
