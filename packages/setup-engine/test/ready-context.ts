import type { PlanningContext } from '../src/index';

type Deployment = PlanningContext['deployment'];

/**
 * A deployment where everything the `manifestInputs` fixtures need is
 * configured and no proof is recorded; `overrides` take one thing away (or
 * add a proof).
 *
 * @example
 * planSetup(manifest, readyContext({ deployment: { credential_key_provider: null } }));
 */
export function readyContext(
  overrides: {
    deployment?: Partial<Deployment>;
    proofs?: PlanningContext['proofs'];
    implementations?: PlanningContext['implementations'];
  } = {},
): PlanningContext {
  return {
    deployment: {
      credential_key_provider: 'file',
      provider_apps: ['lab'],
      public_origin: 'https://conn.example.com',
      disk_space_low: false,
      ...overrides.deployment,
    },
    proofs: overrides.proofs ?? [],
    implementations: overrides.implementations ?? {
      forge: ['probe', 'collector'],
      'agent-logs': ['collector'],
      'chat-export': ['validator'],
      lab: ['collector'],
      // A browser collector is registered, so an unproven Shop attempt can be offered.
      shop: ['collector'],
    },
  };
}
