import { deploymentBlockers } from './deployment-readiness';
import type { Manifest } from './manifest';
import type { NextStep, PlanDescriptor, ProofGate, ReadinessBlocker, SetupPlan } from './plan';
import type { PlanningContext } from './planning-context';
import { cliCommands, setupRoutes } from './routes';
import {
  type ImplementationKind,
  isProofGated,
  type Modality,
  type SupportState,
  type ValidationMode,
} from './vocabulary';

/** Implementations the server must have registered before a modality can run at all. */
export function requiredImplementations(modality: Modality): readonly ImplementationKind[] {
  switch (modality) {
    case 'static_secret':
    case 'local_collector':
    case 'provider_authorization':
      return ['collector'];
    case 'manual_or_upload':
      return ['validator'];
    // The browser collector runs on the owner's device; the server only keeps shells.
    case 'browser_bound':
    case 'unsupported':
      return [];
  }
}

/** True when this deployment (or the manifest, with evidence) holds a proof for the connector's path. */
export function hasProof(manifest: Manifest, context: PlanningContext): boolean {
  const modality = manifest.setup.modality;
  return (
    manifest.proofs.length > 0 ||
    context.proofs.some((proof) => proof.connector === manifest.key && proof.modality === modality)
  );
}

function validationMode(
  manifest: Manifest,
  registered: readonly ImplementationKind[],
): ValidationMode | null {
  if (manifest.setup.modality !== 'static_secret') return null;
  return registered.includes('probe') ? 'synchronous' : 'first_sync';
}

/** The descriptor surfaces render, derived from the manifest's setup block. */
export function describeSetup(manifest: Manifest): PlanDescriptor {
  const { setup } = manifest;
  switch (setup.modality) {
    case 'static_secret':
      return {
        modality: setup.modality,
        credential_kind: setup.credential_kind,
        fields: setup.fields,
      };
    case 'local_collector':
      return {
        modality: setup.modality,
        collector: {
          ...setup.collector,
          install_command: cliCommands.install,
          enroll_command: cliCommands.enrollCollector('<code>'),
          run_command: cliCommands.runCollector(setup.collector.name),
        },
      };
    case 'manual_or_upload':
      return { modality: setup.modality, upload: setup.upload };
    case 'provider_authorization':
      return {
        modality: setup.modality,
        authorization: {
          provider_app_group: setup.authorization.provider_app.group,
          provider_app_label: setup.authorization.provider_app.label,
          scopes: setup.authorization.scopes,
          pkce: setup.authorization.pkce,
          redirect_path: '/v1/oauth/callback',
        },
      };
    case 'browser_bound':
      return { modality: setup.modality, browser: setup.browser };
    case 'unsupported':
      return { modality: setup.modality, reason: setup.reason };
  }
}

const UNPROVEN_NOTE = ' This path has not been proven end to end on this server yet.';

/** The modality's own step, as taken when the owner goes ahead. */
export function modalityStep(manifest: Manifest, unproven: boolean): NextStep {
  const { setup, name, key } = manifest;
  const note = unproven ? UNPROVEN_NOTE : '';
  switch (setup.modality) {
    case 'static_secret': {
      const secretLabels = setup.fields.filter((f) => f.secret).map((f) => f.label.toLowerCase());
      return {
        kind: 'capture_static_secret',
        label: `Enter your ${name} ${secretLabels.join(' and ')}`,
        description: `Paste it into the owner-only form. conn checks it, stores it encrypted for this connection only, and starts the first sync.${note}`,
        action: setupRoutes.createDraft(),
        materializes: 'draft',
        unproven,
      };
    }
    case 'local_collector':
      return {
        kind: 'enroll_local_collector',
        label: `Enroll the ${setup.collector.label} on your device`,
        description: `Get a one-time code, then run the conn CLI on the device that has your ${name} data. The connection turns active when the collector sends its first records.${note}`,
        action: setupRoutes.createIntent(),
        materializes: 'enrollment_code',
        unproven,
      };
    case 'browser_bound':
      return {
        kind: 'enroll_browser_collector',
        label: `Sign in to ${name} in a browser collector`,
        description: `${name} can only be read through a signed-in browser. This is not self-service yet.${note}`,
        action: setupRoutes.browserShell(key),
        materializes: 'enrollment_shell',
        unproven,
      };
    case 'provider_authorization':
      return {
        kind: 'open_provider_auth',
        label: `Authorize ${name}`,
        description: `You will sign in at ${setup.authorization.provider_app.label.replace(/ OAuth app$/, '')} and approve access; conn never sees your password.${note}`,
        action: setupRoutes.authorize(key),
        materializes: 'authorization_session',
        unproven,
      };
    case 'manual_or_upload':
      return {
        kind: 'provide_import_file',
        label: `Upload your ${name} export`,
        description: `conn checks the file before anything is imported, and shows what it found.${note}`,
        action: setupRoutes.upload(key),
        materializes: 'upload_artifact',
        unproven,
      };
    case 'unsupported':
      return noStep(setup.reason);
  }
}

function noStep(reason: string): NextStep {
  return {
    kind: 'none',
    label: 'Not available on this server',
    description: reason,
    action: null,
    materializes: 'nothing',
    unproven: false,
  };
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
  if (setup.modality === 'unsupported') {
    return { state: 'unsupported', reason: setup.reason, step: noStep(setup.reason), gate: null };
  }
  const missing = requiredImplementations(setup.modality).filter(
    (kind) => !registered.includes(kind),
  );
  if (missing.length > 0) {
    const reason = `This server has no ${missing.join(' or ')} for ${name} yet.`;
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
  if (isProofGated(setup.modality) && !hasProof(manifest, context)) {
    const reason = `No ${name} connection has been proven end to end on this server yet. You can try it as an unproven attempt.`;
    return {
      state: 'proof_gated',
      reason,
      step: modalityStep(manifest, true),
      gate: { reason, learn_more_url: manifest.docs_url ?? null, unproven_attempt_allowed: true },
    };
  }
  return {
    state: 'supported',
    reason: `${name} can be connected here.`,
    step: modalityStep(manifest, false),
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
    validation_mode: validationMode(manifest, registered),
    descriptor: describeSetup(manifest),
    streams: manifest.streams.map(({ name, label, description }) => ({ name, label, description })),
  };
}

/** Plans every connector of a catalog, in catalog order. */
export function planCatalog(manifests: readonly Manifest[], context: PlanningContext): SetupPlan[] {
  return manifests.map((manifest) => planSetup(manifest, context));
}
