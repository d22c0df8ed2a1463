import {
  invalidUploadReport,
  type UploadValidationReport,
  type UploadValidator,
} from '@conn/connectors';

/** The validator's report; a validator that fails outright makes the file `invalid`, not the request. */
export async function checkUpload(
  validator: UploadValidator,
  path: string,
  fileName: string,
  staging: string,
): Promise<UploadValidationReport> {
  try {
    return await validator({
      path,
      file_name: fileName,
      staging,
      signal: new AbortController().signal,
    });
  } catch {
    return invalidUploadReport(
      'This file could not be checked. Make sure it is the export file itself, unchanged, and upload it again.',
      { reason: 'validation_failed' },
    );
  }
}
