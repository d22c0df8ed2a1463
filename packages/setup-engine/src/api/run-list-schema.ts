import { z } from 'zod';
import { RunSummarySchema } from '../setup-status';

/**
 * `GET /v1/owner/connections/:id/runs`: the connection's most recent runs,
 * newest first (syncs, imports, device runs), for its detail page.
 *
 * @example
 * const { items } = await client.runs(connectionId, { limit: 10 });
 */
export const RunListSchema = z.strictObject({ items: z.array(RunSummarySchema) });
export type RunList = z.infer<typeof RunListSchema>;
