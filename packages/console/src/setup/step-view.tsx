import type { Intent, IntentNextStep, SetupPlan } from '@conn/sdk';
import { stepComponentFor } from './step-component-for';

/** Renders one next step with the component its kind picks, flagging an unproven attempt as such. */
export function StepView({
  plan,
  step,
  intent,
}: {
  plan: SetupPlan;
  step: IntentNextStep;
  intent: Intent | null;
}) {
  const Step = stepComponentFor(step.kind);
  return (
    <>
      {step.unproven && (
        <p className="note">
          This is an unproven attempt: nobody has completed this setup on this server yet.
        </p>
      )}
      <Step plan={plan} step={step} intent={intent} />
    </>
  );
}

/** A plan's step as an intent step with nothing minted yet (no connection, code or URL). */
export function planStep(plan: SetupPlan): IntentNextStep {
  return {
    ...plan.next_step,
    url: null,
    connection_id: null,
    enrollment_code: null,
    command: null,
    expires_at: null,
  };
}
