import { ConnApiError } from './conn-api-error';

/** A credential refused because its account is already connected: which connection holds it. */
export interface SameAccountRefusal {
  /** The server's owner-readable sentence. */
  message: string;
  /** The connection that already holds the account. */
  connectionId: string;
  /** That connection's label (or its id when it has none). */
  label: string;
}

/**
 * The `same_account` refusal of a credential submit, read from its error
 * details, or null for any other error.
 *
 * @example
 * const same = sameAccountRefusal(error);
 * if (same) await client.submitCredential(same.connectionId, fields); // put it on that one instead
 */
export function sameAccountRefusal(error: unknown): SameAccountRefusal | null {
  if (!(error instanceof ConnApiError) || error.code !== 'same_account') return null;
  const connectionId = String(error.details?.connection_id ?? '');
  return {
    message: error.message,
    connectionId,
    label: String(error.details?.label ?? connectionId),
  };
}
