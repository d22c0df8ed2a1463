import type { Intent, IntentNextStep, SetupPlan } from '@conn/sdk';

/** What every setup-step component gets: the plan (its descriptor) and the step to take. */
export interface StepProps {
  plan: SetupPlan;
  step: IntentNextStep;
  /** The intent the owner is following; null when the step comes from a plan alone. */
  intent: Intent | null;
}
