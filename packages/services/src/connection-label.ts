import { z } from 'zod';

/**
 * An owner-typed connection label. Optional everywhere: identity echo fills it
 * in (`octocat`, `me@example.com`) when the owner types none.
 *
 * @example
 * const label = ConnectionLabelSchema.optional().parse(body.label);
 */
export const ConnectionLabelSchema = z.string().trim().min(1).max(120);
