import { ConnError, type ErrorDetails } from '@conn/setup-engine';

/** Why an uploaded zip may be refused; carried as `details.reason` of an `artifact_invalid` error. */
export const zipRefusalReasons = [
  'path_traversal',
  'zip_bomb',
  'too_many_entries',
  'corrupt_zip',
  'encrypted',
  'unsupported_compression',
] as const;
export type ZipRefusalReason = (typeof zipRefusalReasons)[number];

/**
 * The error an archive check throws: `artifact_invalid` with the reason in
 * `details.reason`, so the server can show the owner why without parsing text.
 *
 * @example
 * throw zipRefusal('path_traversal', 'The zip holds an entry outside its own folder.', { entry: name });
 */
export function zipRefusal(
  reason: ZipRefusalReason,
  message: string,
  details: ErrorDetails = {},
): ConnError<'artifact_invalid'> {
  return new ConnError('artifact_invalid', message, { ...details, reason });
}

/** The refusal reason of an error `zipRefusal` made, or null for any other error. */
export function zipRefusalReason(error: unknown): ZipRefusalReason | null {
  if (!(error instanceof ConnError) || error.code !== 'artifact_invalid') return null;
  const reason = error.details?.reason;
  return zipRefusalReasons.find((known) => known === reason) ?? null;
}
