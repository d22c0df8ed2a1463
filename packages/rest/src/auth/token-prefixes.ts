/**
 * Bearer tokens carry a short prefix naming their kind, so the server knows
 * which table to look in (collector tokens are the services' `coc_`) and a leaked token is recognisable in a scanner.
 */
export const tokenPrefixes = {
  ownerSession: 'cos_',
  agent: 'coa_',
} as const;
