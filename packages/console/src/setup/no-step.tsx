import type { StepProps } from './step-props';

/** No step the owner can take here: the plan's own reason, as it gives it. */
export function NoStep({ plan }: StepProps) {
  return (
    <section aria-labelledby="step-heading">
      <h2 id="step-heading">Nothing to do here yet</h2>
      <p>{plan.support_reason}</p>
    </section>
  );
}
