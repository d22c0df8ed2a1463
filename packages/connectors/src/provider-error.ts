import { ConnError, type ErrorDetails } from '@conn/setup-engine';

/**
 * The codes a provider call fails with. `credential_rejected` means the
 * provider refused the credential (the owner must enter a new one);
 * `rate_limited` means it asked us to wait; anything else the provider did
 * that conn cannot work with (a 5xx, an unreadable body, a next-page link to
 * another origin) is `provider_unavailable`.
 */
export type ProviderErrorCode = 'credential_rejected' | 'rate_limited' | 'provider_unavailable';

/** Non-secret facts about a failed provider call. */
export interface ProviderErrorFacts {
  /** The provider's display name, e.g. `GitHub`. */
  provider: string;
  /** The HTTP status the provider answered with, or null when the failure was not a status. */
  status: number | null;
  /** When the provider's rate limit resets (ISO 8601), if it said so. */
  reset_at?: string;
}

/**
 * A provider call that failed in a way the run cannot recover from. The
 * server stores `code` as the run's error code, so a first sync refused with
 * `credential_rejected` offers "enter a new credential" and anything else
 * offers a retry. The message names the provider and the status, never a
 * secret.
 *
 * @example
 * throw new ProviderError('credential_rejected', 'GitHub rejected this token (401).', {
 *   provider: 'GitHub',
 *   status: 401,
 * });
 */
export class ProviderError extends ConnError<ProviderErrorCode> {
  readonly provider: string;
  readonly status: number | null;

  constructor(code: ProviderErrorCode, message: string, facts: ProviderErrorFacts) {
    const details: ErrorDetails = { provider: facts.provider, status: facts.status };
    if (facts.reset_at !== undefined) details.reset_at = facts.reset_at;
    super(code, message, details);
    this.name = 'ProviderError';
    this.provider = facts.provider;
    this.status = facts.status;
  }
}
