import { ConnectionEventSchema, forwardCompatible } from '@conn/setup-engine';
import type { z } from 'zod';
import type { ConnEvent } from '../response-types';

const reading: z.ZodType = forwardCompatible(ConnectionEventSchema);

/**
 * One event as this SDK reads it: fields it does not know are dropped, enum
 * values newer than it read `'unknown'`, and an event of a type newer than
 * it is `null` (skipped by callers, its id still counted), so a newer server
 * never breaks an older client's stream.
 *
 * @example
 * const event = readEvent(JSON.parse(message.data));
 */
export function readEvent(value: unknown): ConnEvent | null {
  const parsed = reading.safeParse(value);
  return parsed.success ? (parsed.data as ConnEvent) : null;
}
