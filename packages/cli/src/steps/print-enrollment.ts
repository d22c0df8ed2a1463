import { describeMoment, type IntentNextStep, type SetupPlan } from '@conn/sdk';
import type { Output } from '../output';

/**
 * Prints a collector enrollment: the one-time code, the exact published
 * command to run on the device, and how to get the CLI there.
 *
 * @example
 * printEnrollment(context.out, plan, intent.next_step);
 * // Enrollment code: 7KQ2-M9XD-4T0B (one-time, expires in 15 minutes (00:50))
 * // On the device, run:
 * //   conn collector enroll --code 7KQ2-M9XD-4T0B
 */
export function printEnrollment(out: Output, plan: SetupPlan, step: IntentNextStep): void {
  const expires = step.expires_at === null ? '' : `, expires ${describeMoment(step.expires_at)}`;
  if (step.enrollment_code !== null) {
    out.line(`Enrollment code: ${out.style('bold', step.enrollment_code)} (one-time${expires})`);
  }
  const collector =
    plan.descriptor.modality === 'local_collector' ? plan.descriptor.collector : null;
  out.line(
    collector === null
      ? 'On the device, run:'
      : `On the device with your ${plan.connector.name} data, run:`,
  );
  if (step.command !== null) out.line(`  ${out.style('cyan', step.command)}`);
  if (collector !== null) {
    out.line(`  ${out.style('cyan', `${collector.run_command} --once`)}`);
    out.line(out.style('dim', `No conn CLI on that device yet? ${collector.install_command}`));
  }
}
