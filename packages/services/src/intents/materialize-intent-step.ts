import type { IntentNextStep, IntentRequest } from '@conn/setup-engine';
import { ConnError, type Manifest, type SetupPlan } from '@conn/setup-engine';
import type { StoreTransaction } from '@conn/store';
import { startEnrollmentIn } from '../collectors/start-enrollment-in';
import { loadOwnedConnection } from '../connections/load-owned-connection';
import { reconnectIn } from '../connections/reconnect-in';
import type { Actor, ServiceDeps } from '../service-deps';
import type { IntentBlock } from './intent-block';
import { intentStep } from './intent-step';

/** What a new intent materialized: its next step, and the connection it made or lands on. */
export interface MaterializedIntent {
  step: IntentNextStep;
  connectionId: string | null;
}

/**
 * Makes what a new intent's next step needs, inside the intent's transaction:
 * nothing for a blocked intent or a step the owner takes in the console, the
 * named connection's own step for a reconnect, and a draft with a one-time
 * enrollment code for a local collector.
 *
 * @example
 * const { step, connectionId } = await materializeIntentStep(deps, trx, { plan, manifest, blocked, … });
 */
export async function materializeIntentStep(
  deps: ServiceDeps,
  trx: StoreTransaction,
  intent: {
    readonly ownerId: string;
    readonly actor: Actor;
    readonly intentId: string;
    readonly request: IntentRequest;
    readonly plan: SetupPlan;
    readonly manifest: Manifest;
    readonly blocked: IntentBlock | null;
    readonly now: Date;
  },
): Promise<MaterializedIntent> {
  const { ownerId, actor, intentId, request, plan, manifest, now } = intent;
  const origin = deps.deployment.public_origin;
  // Nothing materialized: the plan's own step, blocked or not.
  const planStep = (blocked: boolean): MaterializedIntent => ({
    step: intentStep({ plan, manifest, origin, intentId, connection: null, grant: null, blocked }),
    connectionId: null,
  });
  if (intent.blocked !== null) return planStep(true);
  if (request.reconnect_connection_id !== undefined) {
    const connection = await loadOwnedConnection(trx, ownerId, request.reconnect_connection_id);
    if (connection.connector !== manifest.key) {
      throw new ConnError(
        'invalid_request',
        `That connection is not a ${manifest.name} connection.`,
      );
    }
    return {
      step: await reconnectIn(deps, trx, now, connection, manifest, actor, intentId),
      connectionId: connection.id,
    };
  }
  if (plan.next_step.materializes === 'enrollment_code') {
    const { grant, draft } = await startEnrollmentIn(trx, now, {
      ownerId,
      manifest,
      label: request.label ?? null,
      unproven: plan.support_state === 'proof_gated',
      intentId,
      actor,
      origin,
    });
    return {
      step: intentStep({
        plan,
        manifest,
        origin,
        intentId,
        connection: draft,
        grant,
        blocked: false,
      }),
      connectionId: draft.id,
    };
  }
  return planStep(false);
}
