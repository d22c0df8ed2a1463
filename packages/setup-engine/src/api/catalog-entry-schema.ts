import { z } from 'zod';
import { SetupPlanSchema } from '../plan';

/** What the owner already holds of one connector: connections by status, pending setups, records. */
export const HoldingsSchema = z.strictObject({
  connections: z.strictObject({
    active: z.number().int().optional(),
    needs_attention: z.number().int().optional(),
    revoked: z.number().int().optional(),
  }),
  pending: z.number().int(),
  records: z.number().int(),
});
export type Holdings = z.infer<typeof HoldingsSchema>;

/**
 * One connector of `GET /v1/owner/connectors`: its plan and the owner's holdings.
 *
 * @example
 * const entries = await client.connectors();
 * entries.filter((entry) => entry.holdings.pending > 0);
 */
export const CatalogEntrySchema = z.strictObject({
  plan: SetupPlanSchema,
  holdings: HoldingsSchema,
});
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;

/** The body of `GET /v1/owner/connectors`. */
export const CatalogSchema = z.strictObject({ connectors: z.array(CatalogEntrySchema) });
