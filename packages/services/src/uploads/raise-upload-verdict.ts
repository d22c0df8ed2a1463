import type { ArtifactVerdict } from '@conn/setup-engine';
import type { StoreDb, UploadArtifactRow } from '@conn/store';
import { raiseEvent } from '../events/raise-event';
import { storedValidation } from './stored-validation';

const codePattern = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * Publishes an upload's verdict in the transaction that stores it:
 * `upload_staged`, `upload_duplicate` (with the first copy's id) or
 * `upload_invalid` with the validator's reason code (`not_a_chat`,
 * `malformed_json`…; `invalid_export` when it gave none) — never its
 * remedy text or a file name.
 *
 * @example
 * raiseUploadVerdict(trx, decided, upload, 'invalid', JSON.stringify(report));
 */
export function raiseUploadVerdict(
  db: StoreDb,
  now: Date,
  upload: Pick<UploadArtifactRow, 'id' | 'owner_id' | 'connector'>,
  verdict: ArtifactVerdict,
  validationJson: string | null,
): void {
  const details = storedValidation(validationJson)?.details ?? {};
  const base = { connector: upload.connector, upload_id: upload.id };
  if (verdict === 'staged') {
    raiseEvent(db, upload.owner_id, now, { type: 'upload_staged', ...base });
  } else if (verdict === 'duplicate') {
    const original = details.duplicate_of;
    raiseEvent(db, upload.owner_id, now, {
      type: 'upload_duplicate',
      ...base,
      duplicate_of: typeof original === 'string' && original.length > 0 ? original : null,
    });
  } else {
    const reason = details.reason;
    raiseEvent(db, upload.owner_id, now, {
      type: 'upload_invalid',
      ...base,
      code: typeof reason === 'string' && codePattern.test(reason) ? reason : 'invalid_export',
    });
  }
}
