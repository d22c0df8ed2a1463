import { z } from 'zod';
import type { CollectedRecord } from '../implementation';

/**
 * The part of GitHub's authenticated-user object (`GET /user`) conn keeps.
 * Only `id` and `login` are required (the probe echoes them as the identity);
 * the rest differ by token permission and GitHub Enterprise version, and a
 * missing one becomes null.
 */
export const GithubUserSchema = z.looseObject({
  id: z.number().int(),
  login: z.string().min(1),
  name: z.string().nullish(),
  type: z.string().nullish(),
  email: z.string().nullish(),
  avatar_url: z.string().nullish(),
  html_url: z.string().nullish(),
  company: z.string().nullish(),
  blog: z.string().nullish(),
  location: z.string().nullish(),
  bio: z.string().nullish(),
  public_repos: z.number().nullish(),
  followers: z.number().nullish(),
  following: z.number().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});
export type GithubUser = z.infer<typeof GithubUserSchema>;

/**
 * The authenticated GitHub account as its `profile` record, keyed by the
 * numeric user `id` (stable across login renames). Every account has one,
 * so an account with no repositories and no stars still syncs a record.
 *
 * @example
 * const record = profileRecord({ id: 583231, login: 'octocat' });
 * record.login; // 'octocat'
 */
export function profileRecord(user: GithubUser): CollectedRecord {
  return {
    id: user.id,
    login: user.login,
    name: user.name ?? null,
    type: user.type ?? null,
    email: user.email ?? null,
    avatar_url: user.avatar_url ?? null,
    html_url: user.html_url ?? null,
    company: user.company ?? null,
    blog: user.blog ?? null,
    location: user.location ?? null,
    bio: user.bio ?? null,
    public_repos: user.public_repos ?? null,
    followers: user.followers ?? null,
    following: user.following ?? null,
    created_at: user.created_at ?? null,
    updated_at: user.updated_at ?? null,
  };
}
