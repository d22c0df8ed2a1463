import { z } from 'zod';
import { ErrorCodeSchema } from '../errors';
import { ConnectorKeySchema } from '../manifest';
import { NextStepSchema, SetupPlanSchema } from '../plan';
import { ConnectionLabelSchema, ResourceIdSchema } from './contract-fields';

/** The body of `POST /v1/owner/connections/intents`. */
export const IntentRequestSchema = z.strictObject({
  connector: ConnectorKeySchema,
  label: ConnectionLabelSchema.optional(),
  reconnect_connection_id: ResourceIdSchema.optional(),
  /** The owner confirms taking a path that has no recorded proof on this server yet. */
  unproven: z.boolean().optional(),
});
export type IntentRequest = z.input<typeof IntentRequestSchema>;

/**
 * The plan's next step plus what the owner needs to take it: an
 * owner-openable console URL, the connection it lands on and, for collector
 * enrollment, the one-time code with the exact published CLI command.
 */
export const IntentNextStepSchema = z.strictObject({
  ...NextStepSchema.shape,
  url: z.string().nullable(),
  connection_id: z.string().nullable(),
  enrollment_code: z.string().nullable(),
  command: z.string().nullable(),
  expires_at: z.string().nullable(),
});
export type IntentNextStep = z.infer<typeof IntentNextStepSchema>;

/** Where an intent stands. */
export const IntentStatusSchema = z.enum([
  'pending_owner_action',
  'blocked',
  'completed',
  'expired',
]);
export type IntentStatus = z.infer<typeof IntentStatusSchema>;

/**
 * An intent to connect a connector, as `POST /v1/owner/connections/intents`
 * and `GET /v1/owner/connections/intents/:id` answer it. `blocked` says why
 * a blocked intent cannot go ahead, in the engine's error vocabulary.
 *
 * @example
 * const intent = IntentSchema.parse(json);
 * if (intent.status === 'blocked') show(intent.blocked?.message);
 */
export const IntentSchema = z.strictObject({
  intent_id: z.string(),
  connector: z.string(),
  status: IntentStatusSchema,
  connection_id: z.string().nullable(),
  plan: SetupPlanSchema,
  next_step: IntentNextStepSchema,
  blocked: z.strictObject({ code: ErrorCodeSchema, message: z.string() }).nullable(),
  created_at: z.string(),
});
export type Intent = z.infer<typeof IntentSchema>;
