import { describe, expect, it } from 'vitest';
import { probePostgres } from './dialects';

describe('PostgreSQL coverage', () => {
  it('has a PostgreSQL server for the store suite (required when CI is set)', async (context) => {
    const probe = await probePostgres();
    if (!probe.reachable && !process.env.CI) {
      console.warn(`[store tests] ${probe.message}`);
      context.skip();
    }
    expect(probe.reachable, probe.message).toBe(true);
  });
});
