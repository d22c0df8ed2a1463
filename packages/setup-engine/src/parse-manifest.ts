import type { z } from 'zod';
import { ConnError } from './errors';
import { type Manifest, type ManifestInput, ManifestSchema } from './manifest';

/** Formats zod issues as `path.to.field: message` lines, so a bad manifest names its field. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

/**
 * Parses and validates a connector manifest, or throws `invalid_manifest`
 * naming every offending field.
 *
 * @example
 * const manifest = parseManifest(JSON.parse(text));
 */
export function parseManifest(input: ManifestInput | unknown): Manifest {
  const parsed = ManifestSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const key =
    typeof input === 'object' && input !== null && 'key' in input && typeof input.key === 'string'
      ? input.key
      : 'unknown';
  const problems = describeIssues(parsed.error.issues);
  throw new ConnError('invalid_manifest', `Manifest "${key}" is invalid: ${problems.join('; ')}`, {
    connector: key,
    problems,
  });
}
