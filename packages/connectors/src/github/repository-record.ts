import { z } from 'zod';
import type { CollectedRecord } from '../implementation';

/**
 * The part of GitHub's repository object conn keeps. Only `id` and
 * `full_name` are required: GitHub Enterprise versions differ in which of the
 * rest they send, and a missing one becomes null rather than failing a run.
 */
export const GithubRepositorySchema = z.looseObject({
  id: z.number().int(),
  name: z.string().nullish(),
  full_name: z.string(),
  owner: z.looseObject({ login: z.string() }).nullish(),
  private: z.boolean().nullish(),
  visibility: z.string().nullish(),
  fork: z.boolean().nullish(),
  archived: z.boolean().nullish(),
  description: z.string().nullish(),
  html_url: z.string().nullish(),
  homepage: z.string().nullish(),
  language: z.string().nullish(),
  topics: z.array(z.string()).nullish(),
  stargazers_count: z.number().nullish(),
  forks_count: z.number().nullish(),
  default_branch: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  pushed_at: z.string().nullish(),
});
export type GithubRepository = z.infer<typeof GithubRepositorySchema>;

/**
 * A GitHub repository as a `repositories` / `starred` record, keyed by the
 * numeric repository `id` the manifest names as record key (stable across
 * renames and transfers, unlike `full_name`).
 *
 * @example
 * const record = repositoryRecord(await response.json());
 * record.id; // 1296269
 */
export function repositoryRecord(repository: GithubRepository): CollectedRecord {
  return {
    id: repository.id,
    name: repository.name ?? null,
    full_name: repository.full_name,
    owner: repository.owner?.login ?? null,
    private: repository.private ?? null,
    visibility: repository.visibility ?? null,
    fork: repository.fork ?? null,
    archived: repository.archived ?? null,
    description: repository.description ?? null,
    html_url: repository.html_url ?? null,
    homepage: repository.homepage ?? null,
    language: repository.language ?? null,
    topics: repository.topics ?? [],
    stargazers_count: repository.stargazers_count ?? null,
    forks_count: repository.forks_count ?? null,
    default_branch: repository.default_branch ?? null,
    created_at: repository.created_at ?? null,
    updated_at: repository.updated_at ?? null,
    pushed_at: repository.pushed_at ?? null,
  };
}
