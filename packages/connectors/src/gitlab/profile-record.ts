import { z } from 'zod';
import type { CollectedRecord } from '../implementation';

/**
 * The part of GitLab's current-user object (`GET /api/v4/user`) conn keeps.
 * Only `id` and `username` are required; the rest differ by GitLab version
 * and instance settings, and a missing one becomes null.
 */
export const GitlabUserSchema = z.looseObject({
  id: z.number().int(),
  username: z.string().min(1),
  name: z.string().nullish(),
  state: z.string().nullish(),
  avatar_url: z.string().nullish(),
  web_url: z.string().nullish(),
  bio: z.string().nullish(),
  location: z.string().nullish(),
  public_email: z.string().nullish(),
  organization: z.string().nullish(),
  job_title: z.string().nullish(),
  created_at: z.string().nullish(),
});
export type GitlabUser = z.infer<typeof GitlabUserSchema>;

/**
 * The authenticated GitLab account as its `profile` record, keyed by the
 * numeric user `id` (stable across username changes). Every account has one,
 * so an account with no projects and no stars still syncs a record.
 *
 * @example
 * const record = profileRecord({ id: 7, username: 'tanuki' });
 * record.username; // 'tanuki'
 */
export function profileRecord(user: GitlabUser): CollectedRecord {
  return {
    id: user.id,
    username: user.username,
    name: user.name ?? null,
    state: user.state ?? null,
    avatar_url: user.avatar_url ?? null,
    web_url: user.web_url ?? null,
    bio: user.bio ?? null,
    location: user.location ?? null,
    public_email: user.public_email ?? null,
    organization: user.organization ?? null,
    job_title: user.job_title ?? null,
    created_at: user.created_at ?? null,
  };
}
