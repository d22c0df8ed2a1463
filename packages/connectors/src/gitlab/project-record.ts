import { z } from 'zod';
import type { CollectedRecord } from '../implementation';

/**
 * The part of GitLab's project object conn keeps. Only `id` and
 * `path_with_namespace` are required: GitLab versions and permission levels
 * differ in which of the rest they send, and a missing one becomes null.
 */
export const GitlabProjectSchema = z.looseObject({
  id: z.number().int(),
  name: z.string().nullish(),
  path_with_namespace: z.string(),
  name_with_namespace: z.string().nullish(),
  namespace: z.looseObject({ full_path: z.string().nullish() }).nullish(),
  visibility: z.string().nullish(),
  description: z.string().nullish(),
  web_url: z.string().nullish(),
  default_branch: z.string().nullish(),
  topics: z.array(z.string()).nullish(),
  star_count: z.number().nullish(),
  forks_count: z.number().nullish(),
  archived: z.boolean().nullish(),
  created_at: z.string().nullish(),
  last_activity_at: z.string().nullish(),
});
export type GitlabProject = z.infer<typeof GitlabProjectSchema>;

/**
 * A GitLab project as a `projects` / `starred_projects` record, keyed by the
 * numeric project `id` the manifest names as record key (stable across
 * renames and transfers, unlike its path).
 *
 * @example
 * const record = projectRecord(project);
 * record.id; // 278964
 */
export function projectRecord(project: GitlabProject): CollectedRecord {
  return {
    id: project.id,
    name: project.name ?? null,
    path_with_namespace: project.path_with_namespace,
    name_with_namespace: project.name_with_namespace ?? null,
    namespace: project.namespace?.full_path ?? null,
    visibility: project.visibility ?? null,
    description: project.description ?? null,
    web_url: project.web_url ?? null,
    default_branch: project.default_branch ?? null,
    topics: project.topics ?? [],
    star_count: project.star_count ?? null,
    forks_count: project.forks_count ?? null,
    archived: project.archived ?? null,
    created_at: project.created_at ?? null,
    last_activity_at: project.last_activity_at ?? null,
  };
}
