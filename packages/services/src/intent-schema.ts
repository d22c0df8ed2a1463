import {
  ConnectorKeySchema,
  ErrorCodeSchema,
  NextStepSchema,
  SetupPlanSchema,
} from '@conn/setup-engine';
import { z } from 'zod';
import { ConnectionLabelSchema } from './connection-label';

/** The body of `POST /v1/owner/connections/intents`. */
export const IntentRequestSchema = z.strictObject({
  connector: ConnectorKeySchema,
  label: ConnectionLabelSchema.optional(),
  reconnect_connection_id: z.string().min(1).max(64).optional(),
  /** The owner confirms taking a path that has no recorded proof on this server yet. */
  unproven: z.boolean().optional(),
});
export type IntentRequest = z.input<typeof IntentRequestSchema>;

/**
 * The plan's next step, plus what the owner (or the agent relaying to the
 * owner) needs to take it: an owner-openable console URL, the connection it
 * lands on, and for collector enrollment the one-time code with the exact
 * published CLI command. Never a provider secret; the enrollment code is
 * shown only in the response that minted it.
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

/**
 * Where an intent stands: waiting for the owner, blocked (by the deployment,
 * a missing implementation, or an unconfirmed unproven path), completed (its
 * connection is live) or expired (its attempt ended unfinished).
 */
export const intentStatuses = ['pending_owner_action', 'blocked', 'completed', 'expired'] as const;
export const IntentStatusSchema = z.enum(intentStatuses);
export type IntentStatus = z.infer<typeof IntentStatusSchema>;

/** Why an intent is blocked, in the engine's error vocabulary. */
export const IntentBlockSchema = z.strictObject({
  code: ErrorCodeSchema,
  message: z.string(),
});

/** An owner's (or agent's) intent to connect a connector, as every surface reads it. */
export const IntentSchema = z.strictObject({
  intent_id: z.string(),
  connector: z.string(),
  status: IntentStatusSchema,
  connection_id: z.string().nullable(),
  plan: SetupPlanSchema,
  next_step: IntentNextStepSchema,
  blocked: IntentBlockSchema.nullable(),
  created_at: z.string(),
});
export type Intent = z.infer<typeof IntentSchema>;
