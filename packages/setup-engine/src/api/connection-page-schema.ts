import { z } from 'zod';
import { SetupStatusSchema } from '../setup-status';

/**
 * One page of `GET /v1/owner/connections`, newest first; pass `next_cursor`
 * back as `cursor` for the next page (null on the last one).
 *
 * @example
 * const { items, next_cursor } = await client.connections({ includePending: true });
 */
export const ConnectionPageSchema = z.strictObject({
  items: z.array(SetupStatusSchema),
  next_cursor: z.string().nullable(),
});
export type ConnectionPage = z.infer<typeof ConnectionPageSchema>;
