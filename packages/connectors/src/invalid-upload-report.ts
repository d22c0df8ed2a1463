import type { UploadValidationReport } from './implementation';

/**
 * The report for a file a connector cannot import: nothing counted, and the
 * remedy that tells the owner what to upload instead.
 *
 * @example
 * return invalidUploadReport('This is a photo, not a chat export. …', { reason: 'not_an_export' });
 */
export function invalidUploadReport(
  remedy: string,
  details?: UploadValidationReport['details'],
  format: string | null = null,
): UploadValidationReport {
  return {
    valid: false,
    format,
    counts: {},
    date_range: null,
    empty: false,
    stale: false,
    suggested_label: null,
    remedy,
    ...(details === undefined ? {} : { details }),
  };
}
