import type { IntentNextStep } from '@conn/setup-engine';
import { type Manifest, type SetupPlan, stepWithConnection } from '@conn/setup-engine';
import type { ConnectionRow } from '@conn/store';
import type { EnrollmentCodeGrant } from '../collectors/enrollment-code-grant';
import { consoleUrls } from '../shared/console-urls';

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
  const step = stepWithConnection(manifest, {
    id: connection.id,
    unproven: connection.unproven === 1,
  });
  return {
    ...step,
    ...extras,
    url: consoleUrls.connection(facts.origin, connection.id),
    connection_id: connection.id,
    // Only a collector step mints a code with it; the grant is null for every other one.
    enrollment_code: grant?.enrollment_code ?? null,
    command: grant?.command ?? null,
    expires_at: grant?.expires_at ?? null,
  };
}
