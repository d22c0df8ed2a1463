import type { UploadValidationReport, UploadValidator } from '@conn/connectors';

/** The validator's report; a validator that fails outright makes the file `invalid`, not the request. */
export async function checkUpload(
  validator: UploadValidator,
  path: string,
  fileName: string,
): Promise<UploadValidationReport> {
  try {
    return await validator({ path, file_name: fileName, signal: new AbortController().signal });
  } catch {
    return {
      valid: false,
      format: null,
      counts: {},
      date_range: null,
      empty: false,
      stale: false,
      suggested_label: null,
      remedy:
        'This file could not be checked. Make sure it is the export file itself, unchanged, and upload it again.',
      details: { reason: 'validation_failed' },
    };
  }
}
