import { ConnError } from '@conn/setup-engine';
import type { Actor, ServiceDeps } from '../service-deps';
import { assertSetupAvailable } from '../shared/assert-setup-available';
import { planFor } from '../shared/plan-for';
import type { EnrollmentCodeGrant } from './enrollment-code-grant';
import { type EnrollmentRequest, EnrollmentRequestSchema } from './enrollment-request';
import { startEnrollmentIn } from './start-enrollment-in';

/**
 * Starts a local-collector setup: a draft plus a one-time enrollment code
 * (15 minutes). The draft carries the code's expiry, so an attempt nobody
 * enrolls reads `expired` at once and the sweeper retires it.
 *
 * @example
 * const { enrollment_code, command } = await services.mintEnrollmentCode(ownerId, { connector: 'claude-code' });
 * // command === 'conn collector enroll --code 7KQ2-M9XD-4T0B'
 */
export async function mintEnrollmentCode(
  deps: ServiceDeps,
  ownerId: string,
  input: EnrollmentRequest,
  actor: Actor = 'owner',
): Promise<EnrollmentCodeGrant> {
  const parsed = EnrollmentRequestSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConnError('invalid_request', 'Name the connector (and optionally a label).');
  }
  const { manifest } = deps.registry.require(parsed.data.connector);
  const plan = await planFor(deps, ownerId, manifest.key);
  assertSetupAvailable(plan);
  const now = deps.clock();
  const { grant } = await deps.store.transaction((trx) =>
    startEnrollmentIn(trx, now, {
      ownerId,
      manifest,
      label: parsed.data.label ?? null,
      unproven: plan.support_state === 'proof_gated',
      intentId: null,
      actor,
      origin: deps.deployment.public_origin,
    }),
  );
  return grant;
}
