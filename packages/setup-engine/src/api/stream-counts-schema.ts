import { z } from 'zod';

/** How many records one stream of a connection holds. */
export const StreamCountSchema = z.strictObject({
  stream: z.string().min(1),
  records: z.number().int().nonnegative(),
});
export type StreamCount = z.infer<typeof StreamCountSchema>;

/**
 * `GET /v1/owner/connections/:id/streams`: the connection's records counted
 * by stream; streams without a record are left out.
 *
 * @example
 * const { streams } = await client.streamCounts(connectionId);
 */
export const StreamCountsSchema = z.strictObject({ streams: z.array(StreamCountSchema) });
export type StreamCounts = z.infer<typeof StreamCountsSchema>;
