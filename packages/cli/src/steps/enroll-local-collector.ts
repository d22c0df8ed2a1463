import { randomUUID } from 'node:crypto';
import type { SetupPlan, SetupStatus } from '@conn/sdk';
import { ConnError } from '@conn/setup-engine';
import type { CliContext } from '../cli-context';
import { followFirstSync } from '../follow-first-sync';
import type { ConnectOptions } from './connect-options';
import { printEnrollment } from './print-enrollment';

/** How long `conn connect` waits for the device to enroll and send records. */
const enrollmentWaitMs = 30 * 60_000;

/**
 * The `enroll_local_collector` step: starts an intent (which mints the draft
 * and a one-time code), prints the code and the exact `conn collector enroll`
 * command, and waits until the device's collector has sent its records.
 *
 * @example
 * const status = await enrollLocalCollector(context, plan, options);
 */
export async function enrollLocalCollector(
  context: CliContext,
  plan: SetupPlan,
  options: ConnectOptions,
): Promise<SetupStatus> {
  const client = await context.client();
  const intent = await client.connect(plan.connector.key, {
    ...(options.label === undefined ? {} : { label: options.label }),
    ...(plan.proof_gate === null ? {} : { unproven: options.unproven }),
    idempotencyKey: randomUUID(),
  });
  if (intent.status === 'blocked') {
    const code = intent.blocked?.code;
    throw new ConnError(
      code === undefined || code === 'unknown' ? 'setup_not_available' : code,
      intent.blocked?.message ?? plan.support_reason,
    );
  }
  const connectionId = intent.connection_id ?? intent.next_step.connection_id;
  if (connectionId === null || intent.next_step.enrollment_code === null) {
    throw new ConnError('setup_not_available', 'The server did not mint an enrollment code.');
  }
  printEnrollment(context.out, plan, intent.next_step);
  context.out.line(
    context.out.style('dim', `Follow it from anywhere: conn status ${connectionId} --watch`),
  );
  return followFirstSync(context, client, connectionId, {
    waiting: 'Waiting for the device to enroll and send its first records',
    timeoutMs: enrollmentWaitMs,
  });
}
