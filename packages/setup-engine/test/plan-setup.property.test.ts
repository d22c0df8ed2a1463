import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Manifest,
  type Materialization,
  type Modality,
  type NextStepKind,
  type PlanningContext,
  parseManifest,
  planSetup,
  type SetupPlan,
  SetupPlanSchema,
} from '../src/index';
import { manifestArbitrary } from './manifest-arbitrary';
import { planningContextArbitrary } from './planning-context-arbitrary';

/** The modality's own step, written out here rather than read from the planner. */
const ownStep: Record<Modality, NextStepKind> = {
  static_secret: 'capture_static_secret',
  local_collector: 'enroll_local_collector',
  manual_or_upload: 'provide_import_file',
  provider_authorization: 'open_provider_auth',
  browser_bound: 'enroll_browser_collector',
  unsupported: 'none',
};

/** What each modality needs the server to have registered before it can run. */
const needs: Record<Modality, readonly string[]> = {
  static_secret: ['collector'],
  local_collector: ['collector'],
  provider_authorization: ['collector'],
  manual_or_upload: ['validator'],
  browser_bound: [],
  unsupported: [],
};

const proofGated: readonly Modality[] = [
  'static_secret',
  'provider_authorization',
  'browser_bound',
];

/** Everything a next step may create: none of it is a connection that could be active. */
const allowedMaterializations: readonly string[] = [
  'nothing',
  'draft',
  'enrollment_code',
  'enrollment_shell',
  'upload_artifact',
  'authorization_session',
];

/** What taking each kind of step creates. */
const materializationOf: Record<NextStepKind, Materialization> = {
  capture_static_secret: 'draft',
  enroll_local_collector: 'enrollment_code',
  enroll_browser_collector: 'enrollment_shell',
  open_provider_auth: 'authorization_session',
  provide_import_file: 'upload_artifact',
  configure_deployment: 'nothing',
  none: 'nothing',
};

const reachable = new Set([
  'static_secret:supported',
  'static_secret:proof_gated',
  'static_secret:needs_deployment_config',
  'static_secret:unsupported',
  'provider_authorization:supported',
  'provider_authorization:proof_gated',
  'provider_authorization:needs_deployment_config',
  'provider_authorization:unsupported',
  'browser_bound:supported',
  'browser_bound:proof_gated',
  'browser_bound:needs_deployment_config',
  'browser_bound:unsupported',
  'local_collector:supported',
  'local_collector:unsupported',
  'manual_or_upload:supported',
  'manual_or_upload:needs_deployment_config',
  'manual_or_upload:unsupported',
  'unsupported:unsupported',
]);

/** Copy an operator reads: must never name an environment variable. */
const envVarLike = /CONN_|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/;

const planned = fc.tuple(manifestArbitrary(), planningContextArbitrary).map(([input, context]) => {
  const manifest = parseManifest(input);
  return { manifest, context, plan: planSetup(manifest, context) };
});

function provenHere(manifest: Manifest, context: PlanningContext): boolean {
  const key = manifest.key;
  const modality = manifest.setup.modality;
  return [...manifest.proofs, ...context.proofs].some(
    (proof) => proof.connector === key && proof.modality === modality,
  );
}

function registered(manifest: Manifest, context: PlanningContext): readonly string[] {
  return context.implementations[manifest.key] ?? [];
}

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
  }
  return [];
}

function operatorCopy(plan: SetupPlan): string[] {
  return [
    plan.support_reason,
    plan.next_step.label,
    plan.next_step.description,
    ...plan.readiness.blockers.flatMap((blocker) => [blocker.label, blocker.action]),
  ];
}

describe('planSetup properties', () => {
  it('every manifest built from the arbitraries parses', () => {
    fc.assert(
      fc.property(manifestArbitrary(), (input) => {
        expect(parseManifest(input).key).toBe(input.key);
      }),
    );
  });

  it('(a) a proof-gated modality is never supported without a proof for this connector and modality', () => {
    fc.assert(
      fc.property(planned, ({ manifest, context, plan }) => {
        if (!proofGated.includes(plan.modality)) return;
        if (plan.support_state === 'supported') {
          expect(provenHere(manifest, context)).toBe(true);
        }
        // And the converse: once proven, ready and implemented, nothing gates it.
        const ready = plan.readiness.ready;
        const implemented = needs[plan.modality].every((kind) =>
          registered(manifest, context).includes(kind),
        );
        if (provenHere(manifest, context) && ready && implemented) {
          expect(plan.support_state).toBe('supported');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('(b) a next step never materializes an active connection, and a plan holds no connection id', () => {
    fc.assert(
      fc.property(planned, ({ context, plan }) => {
        expect(allowedMaterializations).toContain(plan.next_step.materializes);
        expect(plan.next_step.materializes).toBe(materializationOf[plan.next_step.kind]);
        const keys = keysOf(plan);
        expect(keys).not.toContain('connection_id');
        expect(keys).not.toContain('id');
        expect(keys).not.toContain('status');
        const json = JSON.stringify(plan);
        for (const proof of context.proofs) {
          expect(json).not.toContain(proof.connection_id);
          expect(json).not.toContain(proof.run_id);
        }
        // Per-connection routes (/connections/:id/...) need an id a plan cannot have.
        for (const action of [
          plan.next_step.action,
          ...plan.readiness.blockers.map((b) => b.fix),
        ]) {
          if (action !== null) expect(action.path).not.toMatch(/\/connections\/[^/?]+\//);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('(c) every plan survives JSON and the schema unchanged', () => {
    fc.assert(
      fc.property(planned, ({ plan }) => {
        expect(SetupPlanSchema.parse(JSON.parse(JSON.stringify(plan)))).toStrictEqual(plan);
      }),
      { numRuns: 500 },
    );
  });

  it('(d) a missing implementation makes the plan unsupported, naming what is missing', () => {
    fc.assert(
      fc.property(planned, ({ manifest, context, plan }) => {
        const missing = needs[plan.modality].filter(
          (kind) => !registered(manifest, context).includes(kind),
        );
        if (missing.length === 0) return;
        expect(plan.support_state).toBe('unsupported');
        expect(plan.next_step).toMatchObject({
          kind: 'none',
          action: null,
          materializes: 'nothing',
        });
        for (const kind of missing) expect(plan.support_reason).toContain(kind);
        expect(plan.support_reason).toContain(manifest.name);
      }),
      { numRuns: 300 },
    );
  });

  it('(d) static_secret without a credential key needs deployment config, in copy free of env var names', () => {
    const context = planningContextArbitrary.map(
      (ctx): PlanningContext => ({
        ...ctx,
        deployment: { ...ctx.deployment, credential_key_provider: null },
        implementations: { ...ctx.implementations, alpha: ['collector'] },
      }),
    );
    const manifest = manifestArbitrary('static_secret').map((input) =>
      parseManifest({
        ...input,
        key: 'alpha',
        proofs: input.proofs?.map((proof) => ({ ...proof, connector: 'alpha' })),
      }),
    );
    fc.assert(
      fc.property(manifest, context, (m, ctx) => {
        const plan = planSetup(m, ctx);
        expect(plan.support_state).toBe('needs_deployment_config');
        expect(plan.next_step.kind).toBe('configure_deployment');
        expect(plan.readiness.ready).toBe(false);
        expect(plan.readiness.blockers.map((b) => b.code)).toContain('credential_key_missing');
        for (const copy of operatorCopy(plan)) expect(copy).not.toMatch(envVarLike);
      }),
    );
  });

  it('(d) no needs_deployment_config plan names an env var, whatever the modality', () => {
    fc.assert(
      fc.property(planned, ({ plan }) => {
        if (plan.support_state !== 'needs_deployment_config') return;
        expect(plan.readiness.blockers.length).toBeGreaterThan(0);
        for (const copy of operatorCopy(plan)) expect(copy).not.toMatch(envVarLike);
      }),
      { numRuns: 300 },
    );
  });

  it('(d) local_collector and manual_or_upload are never proof_gated', () => {
    fc.assert(
      fc.property(
        fc.oneof(manifestArbitrary('local_collector'), manifestArbitrary('manual_or_upload')),
        planningContextArbitrary,
        (input, context) => {
          const plan = planSetup(parseManifest(input), context);
          expect(plan.support_state).not.toBe('proof_gated');
          expect(plan.proof_gate).toBeNull();
          expect(plan.next_step.unproven).toBe(false);
        },
      ),
    );
  });

  it("(d) a proof_gated plan still describes the modality's step, marked unproven, with a gate", () => {
    fc.assert(
      fc.property(planned, ({ plan }) => {
        const gated = plan.support_state === 'proof_gated';
        expect(plan.next_step.unproven).toBe(gated);
        expect(plan.proof_gate !== null).toBe(gated);
        if (!gated) return;
        expect(plan.next_step.kind).toBe(ownStep[plan.modality]);
        expect(plan.next_step.action).not.toBeNull();
        expect(plan.proof_gate?.unproven_attempt_allowed).toBe(true);
        expect(plan.proof_gate?.reason).toBe(plan.support_reason);
      }),
      { numRuns: 300 },
    );
  });

  it('(d) an unproven attempt is never offered for a browser-bound path without a registered collector', () => {
    fc.assert(
      fc.property(planned, ({ manifest, context, plan }) => {
        if (plan.modality !== 'browser_bound' || plan.support_state !== 'proof_gated') return;
        expect(registered(manifest, context)).toContain('collector');
      }),
      { numRuns: 300 },
    );
  });

  it('(d) planning is deterministic and leaves its inputs untouched', () => {
    fc.assert(
      fc.property(manifestArbitrary(), planningContextArbitrary, (input, context) => {
        const manifest = parseManifest(input);
        const manifestBefore = structuredClone(manifest);
        const contextBefore = structuredClone(context);
        const first = planSetup(manifest, context);
        const second = planSetup(manifest, context);
        expect(second).toStrictEqual(first);
        expect(manifest).toStrictEqual(manifestBefore);
        expect(context).toStrictEqual(contextBefore);
      }),
    );
  });

  it('only reachable modality × support state pairs ever come out', () => {
    fc.assert(
      fc.property(planned, ({ plan }) => {
        expect(reachable).toContain(`${plan.modality}:${plan.support_state}`);
        if (plan.support_state === 'unsupported') expect(plan.next_step.kind).toBe('none');
        if (plan.support_state === 'needs_deployment_config') {
          expect(plan.next_step).toMatchObject({
            kind: 'configure_deployment',
            materializes: 'nothing',
          });
        }
        if (plan.support_state === 'supported' || plan.support_state === 'proof_gated') {
          expect(plan.next_step.kind).toBe(ownStep[plan.modality]);
        }
      }),
      { numRuns: 500 },
    );
  });
});
