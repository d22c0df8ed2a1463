/**
 * Whether a failed statement broke a unique key, on either database
 * (PostgreSQL `23505`, SQLite `SQLITE_CONSTRAINT_UNIQUE`): the caller lost a
 * race the key settles, and may read the winner.
 *
 * @example
 * try { await stage(); } catch (error) { if (!isUniqueViolation(error)) throw error; }
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const { code } = error as { code: unknown };
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
