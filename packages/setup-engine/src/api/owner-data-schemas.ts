import { z } from 'zod';
import { RunSummarySchema } from '../setup-status';

/** What deleting a connection removed: it is gone, with everything it held. */
export const DeletedConnectionSchema = z.strictObject({
  connection_id: z.string().min(1),
  records_deleted: z.number().int().nonnegative(),
  runs_deleted: z.number().int().nonnegative(),
  /** Its uploaded files, gone from the data directory with their rows. */
  uploads_deleted: z.number().int().nonnegative(),
  /** Stored media only it held (media another source also holds stays). */
  blobs_deleted: z.number().int().nonnegative(),
});
export type DeletedConnection = z.infer<typeof DeletedConnectionSchema>;

/** An import run undone: the run (with `undone_at`) and what went with it. */
export const UndoneRunSchema = z.strictObject({
  run: RunSummarySchema,
  records_deleted: z.number().int().nonnegative(),
  /** What the connection holds afterwards. */
  records_total: z.number().int().nonnegative(),
});
export type UndoneRun = z.infer<typeof UndoneRunSchema>;

/** A run the owner cancelled: it ended `cancelled`. */
export const CancelledRunSchema = z.strictObject({ run: RunSummarySchema });
export type CancelledRun = z.infer<typeof CancelledRunSchema>;
