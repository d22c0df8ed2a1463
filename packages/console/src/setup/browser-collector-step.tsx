import type { StepProps } from './step-props';

/**
 * A connector that needs a collector inside the owner's browser: honest copy
 * that this is not self-service from the console yet, with the plan's reason
 * and no command to run.
 */
export function BrowserCollectorStep({ plan, step }: StepProps) {
  return (
    <section aria-labelledby="step-heading">
      <h2 id="step-heading">Not self-service yet</h2>
      <p>
        {plan.connector.name} is collected from inside your own signed-in browser. The console
        cannot set that up for you yet, and there is nothing to run in a terminal for it.
      </p>
      <p>{step.description}</p>
      <p>{plan.support_reason}</p>
    </section>
  );
}
