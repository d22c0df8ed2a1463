import type { SetupPlan, SetupStatus } from '@conn/sdk';
import { ConnError } from '@conn/setup-engine';
import type { CliContext } from '../cli-context';
import { followFirstSync } from '../follow-first-sync';
import { captureStaticSecret } from './capture-static-secret';
import type { ConnectOptions } from './connect-options';
import { enrollLocalCollector } from './enroll-local-collector';
import { openProviderAuth } from './open-provider-auth';
import { provideImportFile } from './provide-import-file';

/**
 * Follows a plan's next step, chosen by `next_step.kind` alone (never by
 * connector), through to the end of the first sync. Steps the owner cannot
 * take from a terminal end with a plain one-line reason; a proof-gated path
 * stops unless the owner passed `--unproven`.
 *
 * @example
 * const status = await takeNextStep(context, await client.plan(key), options);
 */
export async function takeNextStep(
  context: CliContext,
  plan: SetupPlan,
  options: ConnectOptions,
): Promise<SetupStatus> {
  const { name } = plan.connector;
  const step = plan.next_step;
  switch (step.kind) {
    case 'none':
      throw new ConnError(
        'setup_not_available',
        `${name} cannot be connected here: ${plan.support_reason}`,
      );
    case 'configure_deployment':
      context.out.line(`${name} needs this server's operator first:`);
      for (const blocker of plan.readiness.blockers) {
        context.out.line(`- ${blocker.label} ${blocker.action}`);
      }
      throw new ConnError(
        'setup_not_available',
        `${name} cannot be connected until the operator finishes this server's setup.`,
      );
    case 'enroll_browser_collector':
      throw new ConnError(
        'setup_not_available',
        `${name} is not self-service yet: it needs a browser collector that conn does not offer from the terminal.`,
      );
    case 'unknown':
      throw new ConnError(
        'setup_not_available',
        `${name} needs a step this version of conn does not know. Update conn, then try again.`,
      );
    default:
      break;
  }
  if (plan.proof_gate !== null && !options.unproven) {
    throw new ConnError(
      'unproven_path_not_confirmed',
      plan.proof_gate.unproven_attempt_allowed
        ? `${name} has not been proven on this server yet. To try it anyway as an unproven attempt, run the same command again with --unproven.`
        : `${name} has not been proven on this server yet, and an unproven attempt is not allowed.`,
    );
  }
  switch (step.kind) {
    case 'capture_static_secret': {
      const status = await captureStaticSecret(context, plan, options);
      const owner = await context.ownerClient();
      return followFirstSync(context, owner, status.connection_id, { waiting: 'First sync' });
    }
    case 'enroll_local_collector':
      return enrollLocalCollector(context, plan, options);
    case 'provide_import_file':
      return provideImportFile(context, plan, options);
    case 'open_provider_auth':
      return openProviderAuth(context, plan, options);
  }
}
