import { IntentStatusSchema } from '@conn/setup-engine';

/**
 * The intent shapes belong to the REST contract, so the engine owns them (the
 * SDK validates the same schemas); services build values of them.
 */
export {
  type Intent,
  type IntentNextStep,
  IntentNextStepSchema,
  type IntentRequest,
  IntentRequestSchema,
  IntentSchema,
  type IntentStatus,
  IntentStatusSchema,
} from '@conn/setup-engine';

/** Where an intent can stand, in order of its life. */
export const intentStatuses = IntentStatusSchema.options;
