/**
 * The version of the REST contract, raised when a change would mislead a
 * client built against an older one (a field's meaning changes, a route
 * moves). Adding fields or enum values does not raise it: clients read
 * responses forward-compatibly.
 */
export const contractVersion = 2;

/** The oldest contract version this server still answers. */
export const minimumClientContractVersion = 2;

/** The header a client sends its contract version in, and the server its own. */
export const contractVersionHeader = 'conn-contract-version';
