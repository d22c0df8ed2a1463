import { type Manifest, modalityStep, type SetupPlan, setupRoutes } from '@conn/setup-engine';
import type { ConnectionRow } from '@conn/store';
import { consoleUrls } from './console-urls';
import type { IntentNextStep } from './intent-schema';
import type { EnrollmentCodeGrant } from './mint-enrollment-code';

/**
 * The next step of an intent: the plan's step, pointed at the intent's
 * connection once one exists (its credential form, its enrollment), with the
 * enrollment code and the exact CLI command when one was just minted.
 *
 * @example
 * const step = intentStep({ plan, manifest, origin, intentId, connection, grant });
 */
export function intentStep(facts: {
  plan: SetupPlan;
  manifest: Manifest;
  origin: string | null;
  intentId: string;
  connection: ConnectionRow | null;
  grant: EnrollmentCodeGrant | null;
  blocked: boolean;
}): IntentNextStep {
  const { plan, manifest, connection, grant } = facts;
  const extras = {
    url: consoleUrls.intent(facts.origin, facts.intentId),
    connection_id: null,
    enrollment_code: null,
    command: null,
    expires_at: null,
  };
  if (facts.blocked || connection === null) return { ...plan.next_step, ...extras };
  const step = modalityStep(manifest, connection.unproven === 1);
  const onConnection = {
    ...extras,
    url: consoleUrls.connection(facts.origin, connection.id),
    connection_id: connection.id,
  };
  switch (manifest.setup.modality) {
    case 'local_collector':
      return {
        ...step,
        ...onConnection,
        action: null,
        materializes: 'enrollment_code',
        enrollment_code: grant?.enrollment_code ?? null,
        command: grant?.command ?? null,
        expires_at: grant?.expires_at ?? null,
      };
    case 'static_secret':
      return {
        ...step,
        ...onConnection,
        action: setupRoutes.credential(connection.id),
        materializes: 'nothing',
      };
    default:
      return { ...step, ...onConnection };
  }
}
