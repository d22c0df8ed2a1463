/**
 * The prefix of each kind of bearer token (`newToken(tokenPrefixes.agent)`),
 * with its underscore: the server tells a token's kind, and so the table to
 * look it up in, by `startsWith`, and a leaked token is recognisable to a
 * secret scanner. The one list, so no two kinds ever share a prefix.
 */
export const tokenPrefixes = {
  ownerSession: 'cos_',
  agent: 'coa_',
  collector: 'coc_',
  /** The CSRF token paired with an owner session cookie; never a bearer. */
  csrf: 'csrf_',
  /** A webhook's signing secret (HMAC key, sealed by the vault); never a bearer. */
  webhookSecret: 'whsec_',
} as const;
