import fc from 'fast-check';
import {
  type ImplementationKind,
  implementationKinds,
  modalities,
  type PlanningContext,
} from '../src/index';
import { connectorKeyPool, proofEvidenceArbitrary, providerGroupPool } from './manifest-arbitrary';

// Weighted towards "everything registered", so plans get past the implementation check often.
const registered: fc.Arbitrary<ImplementationKind[]> = fc.oneof(
  { arbitrary: fc.constant<ImplementationKind[]>([...implementationKinds]), weight: 2 },
  { arbitrary: fc.subarray([...implementationKinds]), weight: 1 },
);

/**
 * Any deployment: credential key provider present or absent, any provider
 * apps, with or without a public origin and disk headroom, recorded proofs for
 * pooled connectors in any modality, and any registered implementations.
 *
 * @example
 * fc.property(manifestArbitrary(), planningContextArbitrary, (m, c) => planSetup(parseManifest(m), c));
 */
export const planningContextArbitrary: fc.Arbitrary<PlanningContext> = fc.record(
  {
    deployment: fc.record(
      {
        credential_key_provider: fc.constantFrom('env', 'file', 'generated', null),
        provider_apps: fc.subarray([...providerGroupPool, 'unrelated']),
        public_origin: fc.constantFrom(null, 'https://conn.example.com', 'http://127.0.0.1:7777'),
        disk_space_low: fc.boolean(),
      },
      {
        requiredKeys: ['credential_key_provider', 'provider_apps', 'public_origin'],
        noNullPrototype: true,
      },
    ),
    proofs: fc.array(
      fc
        .record(
          {
            connector: fc.constantFrom(...connectorKeyPool, 'elsewhere'),
            modality: fc.constantFrom(...modalities),
            evidence: proofEvidenceArbitrary,
          },
          { noNullPrototype: true },
        )
        .map(({ connector, modality, evidence }) => ({ connector, modality, ...evidence })),
      { maxLength: 4 },
    ),
    implementations: fc.record(
      { alpha: registered, 'beta-mail': registered, gamma2: registered, elsewhere: registered },
      { requiredKeys: [], noNullPrototype: true },
    ),
  },
  { noNullPrototype: true },
);
