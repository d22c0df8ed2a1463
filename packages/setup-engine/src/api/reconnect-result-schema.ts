import { z } from 'zod';
import { SetupStateSchema } from '../vocabulary';
import { IntentNextStepSchema } from './intent-schema';

/**
 * `POST /v1/owner/connections/:id/reconnect`: where the repair lands the
 * owner — this connection's own credential, authorization or enrollment step.
 *
 * @example
 * const { next_step } = await client.reconnect(connectionId);
 * console.log(renderNextStep(await client.reconnect(connectionId)));
 */
export const ReconnectResultSchema = z.strictObject({
  connection_id: z.string(),
  setup_state: SetupStateSchema,
  next_step: IntentNextStepSchema,
});
export type ReconnectResult = z.infer<typeof ReconnectResultSchema>;
