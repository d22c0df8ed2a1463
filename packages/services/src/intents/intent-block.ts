import { type ErrorCode, isConnError, type SetupPlan } from '@conn/setup-engine';
import { assertSetupAvailable } from '../shared/assert-setup-available';

/** Why an intent cannot go ahead, in the engine's error vocabulary. */
export interface IntentBlock {
  code: ErrorCode;
  message: string;
}

/**
 * Why this plan blocks an intent, or null when the owner can go ahead: the
 * plan cannot run here (missing implementation or deployment config), or the
 * path is proof-gated and the owner has not confirmed the unproven attempt.
 * A repair (reconnect) of an existing connection needs no confirmation.
 *
 * @example
 * const block = intentBlock(plan, request.unproven === true);
 */
export function intentBlock(plan: SetupPlan, confirmed: boolean): IntentBlock | null {
  try {
    assertSetupAvailable(plan);
  } catch (error) {
    if (isConnError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  if (plan.support_state === 'proof_gated' && !confirmed) {
    return {
      code: 'unproven_path_not_confirmed',
      message: `${plan.support_reason} Confirm that you want to try it as an unproven attempt.`,
    };
  }
  return null;
}
