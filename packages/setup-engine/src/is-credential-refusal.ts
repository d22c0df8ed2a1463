/**
 * Run error codes that mean the provider refused the credential rather than
 * failed: the owner must enter or authorize a new one, a retry cannot help.
 */
export const credentialRefusalCodes = [
  'credential_rejected',
  'invalid_credentials',
  'unauthenticated',
] as const;

/**
 * Whether a run's error code says the credential was refused.
 *
 * @example
 * if (isCredentialRefusal(run.error_code)) offerNewCredential();
 */
export function isCredentialRefusal(errorCode: string | null | undefined): boolean {
  return (
    errorCode !== null &&
    errorCode !== undefined &&
    (credentialRefusalCodes as readonly string[]).includes(errorCode)
  );
}
