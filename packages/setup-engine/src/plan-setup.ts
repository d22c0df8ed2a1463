import { deploymentBlockers } from './deployment-readiness';
import type { Manifest } from './manifest';
import type { StepConnection } from './modalities/modality-rules';
import { rulesFor, rulesOf } from './modalities/modality-rules-table';
import { noStep } from './modalities/no-step';
import type { NextStep, PlanDescriptor, ProofGate, ReadinessBlocker, SetupPlan } from './plan';
import type { PlanningContext } from './planning-context';
import type { ImplementationKind, Modality, SupportState } from './vocabulary';

/** Implementations the server must have registered before a modality can run at all. */
export function requiredImplementations(modality: Modality): readonly ImplementationKind[] {
  return rulesFor(modality).requiredImplementations;
}

/** True when this deployment (or the manifest, with evidence) holds a proof for the connector's path. */
export function hasProof(manifest: Manifest, context: PlanningContext): boolean {
  const modality = manifest.setup.modality;
  return (
    manifest.proofs.length > 0 ||
    context.proofs.some((proof) => proof.connector === manifest.key && proof.modality === modality)
  );
}

/** The descriptor surfaces render, derived from the manifest's setup block. */
export function describeSetup(manifest: Manifest, context: PlanningContext): PlanDescriptor {
  return rulesOf(manifest).describe(manifest, context);
}

/** The modality's own step, as taken when the owner goes ahead. */
export function modalityStep(manifest: Manifest, unproven: boolean): NextStep {
  return rulesOf(manifest).stepWithoutConnection(manifest, unproven);
}

/**
 * The modality's step once the owner's connection exists: pointed at that
 * connection (its credential form, its enrollment) instead of at a route
 * that would create one.
 *
 * @example
 * const step = stepWithConnection(manifest, { id: connection.id, unproven: false });
 */
export function stepWithConnection(manifest: Manifest, connection: StepConnection): NextStep {
  return rulesOf(manifest).stepWithConnection(manifest, connection);
}

interface Decision {
  state: SupportState;
  reason: string;
  step: NextStep;
  gate: ProofGate | null;
}

function decide(
  manifest: Manifest,
  context: PlanningContext,
  registered: readonly ImplementationKind[],
  blockers: readonly ReadinessBlocker[],
): Decision {
  const { setup, name } = manifest;
  const rules = rulesOf(manifest);
  if (setup.modality === 'unsupported') {
    return { state: 'unsupported', reason: setup.reason, step: noStep(setup.reason), gate: null };
  }
  const missing = rules.requiredImplementations.filter((kind) => !registered.includes(kind));
  if (missing.length > 0) {
    const reason = `This server has no ${missing.join(' or ')} for ${name} yet.`;
    return { state: 'unsupported', reason, step: noStep(reason), gate: null };
  }
  const gated = rules.proofGated && !hasProof(manifest, context);
  // Offering a try that nothing here could carry out would be a promise the server then breaks.
  if (gated && !rules.offersUnprovenAttempt(registered)) {
    const reason = `No ${name} connection has been proven end to end on this server yet, and this server has no collector for ${name} to try one with.`;
    return { state: 'unsupported', reason, step: noStep(reason), gate: null };
  }
  const first = blockers[0];
  if (first !== undefined) {
    return {
      state: 'needs_deployment_config',
      reason: blockers.map((b) => b.label).join(' '),
      step: {
        kind: 'configure_deployment',
        label:
          first.audience === 'operator' ? 'Ask the server operator to finish setup' : first.action,
        description: first.action,
        action: first.fix,
        materializes: 'nothing',
        unproven: false,
      },
      gate: null,
    };
  }
  if (gated) {
    const reason = `No ${name} connection has been proven end to end on this server yet. You can try it as an unproven attempt.`;
    return {
      state: 'proof_gated',
      reason,
      step: rules.stepWithoutConnection(manifest, true),
      gate: { reason, learn_more_url: manifest.docs_url ?? null, unproven_attempt_allowed: true },
    };
  }
  return {
    state: 'supported',
    reason: `${name} can be connected here.`,
    step: rules.stepWithoutConnection(manifest, false),
    gate: null,
  };
}

/**
 * Plans a connector's setup for one deployment. Pure: the same manifest and
 * context always give the same plan, and nothing is written.
 *
 * @example
 * const plan = planSetup(parseManifest(json), context);
 * if (plan.support_state === 'supported') render(plan.next_step);
 */
export function planSetup(manifest: Manifest, context: PlanningContext): SetupPlan {
  // Own keys only: a connector keyed `constructor` must not find Object.prototype's member.
  const registered = Object.hasOwn(context.implementations, manifest.key)
    ? (context.implementations[manifest.key] ?? [])
    : [];
  const blockers = deploymentBlockers(manifest, context);
  const decision = decide(manifest, context, registered, blockers);
  return {
    connector: {
      key: manifest.key,
      name: manifest.name,
      description: manifest.description,
      category: manifest.category,
      homepage_url: manifest.homepage_url ?? null,
      docs_url: manifest.docs_url ?? null,
    },
    modality: manifest.setup.modality,
    support_state: decision.state,
    support_reason: decision.reason,
    next_step: decision.step,
    proof_gate: decision.gate,
    readiness: { ready: blockers.length === 0, blockers },
    validation_mode: rulesOf(manifest).validationMode(registered),
    descriptor: describeSetup(manifest, context),
    streams: manifest.streams.map(({ name, label, description }) => ({ name, label, description })),
  };
}

/** Plans every connector of a catalog, in catalog order. */
export function planCatalog(manifests: readonly Manifest[], context: PlanningContext): SetupPlan[] {
  return manifests.map((manifest) => planSetup(manifest, context));
}
