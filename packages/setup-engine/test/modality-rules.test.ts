import { describe, expect, it } from 'vitest';
import {
  credentialRefusalCodes,
  implementationKinds,
  type ManifestOf,
  type Modality,
  modalities,
  modalityRules,
  modalityStep,
  type NextStepKind,
  PlanDescriptorSchema,
  parseManifest,
  proofGatedModalities,
  RemediationSchema,
  rulesFor,
  rulesOf,
  stepWithConnection,
} from '../src/index';
import { manifestInputs } from './manifest-inputs';
import { readyContext } from './ready-context';

// The fixture of each modality is of that modality; the cast lets the record's own type take it.
const manifest = <M extends Modality>(modality: M): ManifestOf<M> =>
  parseManifest(manifestInputs[modality]) as ManifestOf<M>;

/** Each modality's rules, written out here rather than read from the records. */
const expected: Record<
  Modality,
  {
    site: string;
    gated: boolean;
    needs: readonly string[];
    seals: boolean;
    awaiting: string;
    end: string | null;
    step: NextStepKind;
  }
> = {
  local_collector: {
    site: 'device',
    gated: false,
    needs: ['collector'],
    seals: false,
    awaiting: 'awaiting_collector',
    end: 'first_ingest_accepted',
    step: 'enroll_local_collector',
  },
  browser_bound: {
    site: 'device',
    gated: true,
    needs: [],
    seals: true,
    awaiting: 'awaiting_collector',
    end: 'first_ingest_accepted',
    step: 'enroll_browser_collector',
  },
  static_secret: {
    site: 'server',
    gated: true,
    needs: ['collector'],
    seals: true,
    awaiting: 'awaiting_credential',
    end: 'first_ingest_accepted',
    step: 'capture_static_secret',
  },
  provider_authorization: {
    site: 'server',
    gated: true,
    needs: ['collector'],
    seals: true,
    awaiting: 'awaiting_owner_action',
    end: 'authorization_completed',
    step: 'open_provider_auth',
  },
  manual_or_upload: {
    site: 'upload',
    gated: false,
    needs: ['validator'],
    seals: false,
    awaiting: 'awaiting_owner_action',
    end: 'import_done',
    step: 'provide_import_file',
  },
  unsupported: {
    site: 'none',
    gated: false,
    needs: [],
    seals: false,
    awaiting: 'awaiting_owner_action',
    end: null,
    step: 'none',
  },
};

const bareDeployment = readyContext({
  deployment: {
    credential_key_provider: null,
    provider_apps: [],
    public_origin: null,
    disk_space_low: true,
  },
});

describe('the modality records', () => {
  it('hold exactly one record per modality, each naming its own modality', () => {
    expect(Object.keys(modalityRules).sort()).toEqual([...modalities].sort());
    for (const modality of modalities) expect(rulesFor(modality).modality).toBe(modality);
    expect(rulesOf(manifest('static_secret'))).toBe(modalityRules.static_secret);
  });

  it.each(modalities)('%s: site, proof gate, implementations, secrets, states', (modality) => {
    const rules = rulesFor(modality);
    const want = expected[modality];
    expect(rules.collectionSite).toBe(want.site);
    expect(rules.proofGated).toBe(want.gated);
    expect(rules.requiredImplementations).toEqual(want.needs);
    expect(rules.sealsSecrets).toBe(want.seals);
    expect(rules.awaitingState).toBe(want.awaiting);
    // Only a device collector gets another pass after one that sent nothing.
    expect(rules.firstPassFinal).toBe(want.site !== 'device');
    expect(rules.firstSyncEnd).toBe(want.end);
  });

  it('gate exactly the remote-provider modalities', () => {
    expect([...proofGatedModalities].sort()).toEqual(
      ['browser_bound', 'provider_authorization', 'static_secret'].sort(),
    );
  });

  it.each(modalities)('%s: describes its manifest in the plan descriptor shape', (modality) => {
    const descriptor = rulesFor(modality).describe(manifest(modality), bareDeployment);
    expect(descriptor.modality).toBe(modality);
    expect(PlanDescriptorSchema.parse(descriptor)).toEqual(descriptor);
  });

  it.each(modalities)('%s: its step before a connection exists', (modality) => {
    const proven = modalityStep(manifest(modality), false);
    expect(proven.kind).toBe(expected[modality].step);
    expect(proven.description).not.toContain('not been proven');
    if (expected[modality].gated) {
      const unproven = modalityStep(manifest(modality), true);
      expect(unproven.unproven).toBe(true);
      expect(unproven.description).toContain('not been proven end to end');
    }
  });
});

describe('the step once a connection exists', () => {
  const connection = { id: 'cn_9', unproven: true };

  it('points a static secret at that connection’s credential form, creating nothing', () => {
    expect(stepWithConnection(manifest('static_secret'), connection)).toMatchObject({
      kind: 'capture_static_secret',
      action: { method: 'PUT', path: '/v1/owner/connections/cn_9/credential' },
      materializes: 'nothing',
      unproven: true,
    });
  });

  it('gives a local collector no route: its enrollment code comes with the step', () => {
    expect(stepWithConnection(manifest('local_collector'), connection)).toMatchObject({
      kind: 'enroll_local_collector',
      action: null,
      materializes: 'enrollment_code',
      unproven: true,
    });
  });

  it.each(['browser_bound', 'provider_authorization', 'manual_or_upload', 'unsupported'] as const)(
    'keeps the %s step as planned',
    (modality) => {
      expect(stepWithConnection(manifest(modality), { id: 'cn_9', unproven: false })).toEqual(
        modalityStep(manifest(modality), false),
      );
    },
  );
});

describe('what each modality needs from the deployment', () => {
  it('asks for the OAuth app and the public origin for provider authorization', () => {
    const blockers = rulesFor('provider_authorization').blockers(
      manifest('provider_authorization'),
      bareDeployment,
    );
    expect(blockers.map((b) => b.code)).toEqual(['provider_app_missing', 'public_origin_missing']);
    expect(blockers[0]?.fix).toEqual({
      method: 'PUT',
      path: '/v1/owner/deployment/provider-apps/lab',
    });
  });

  it('asks for disk space for uploads', () => {
    const blockers = rulesFor('manual_or_upload').blockers(
      manifest('manual_or_upload'),
      bareDeployment,
    );
    expect(blockers.map((b) => b.code)).toEqual(['disk_space_low']);
  });

  it.each(['static_secret', 'local_collector', 'browser_bound', 'unsupported'] as const)(
    '%s has no blocker of its own (the credential key follows sealsSecrets)',
    (modality) => {
      expect(rulesFor(modality).blockers(manifest(modality), bareDeployment)).toEqual([]);
    },
  );
});

describe('unproven attempts and validation', () => {
  it.each(modalities)('%s offers an unproven attempt only when it could run one', (modality) => {
    const rules = rulesFor(modality);
    expect(rules.offersUnprovenAttempt([])).toBe(false);
    expect(rules.offersUnprovenAttempt([...implementationKinds])).toBe(rules.proofGated);
  });

  it('a browser-bound attempt needs a registered collector', () => {
    expect(rulesFor('browser_bound').offersUnprovenAttempt(['collector'])).toBe(true);
    expect(rulesFor('browser_bound').offersUnprovenAttempt(['probe', 'validator'])).toBe(false);
  });

  it('validates a static secret synchronously only with a probe; other paths have no mode', () => {
    expect(rulesFor('static_secret').validationMode(['probe', 'collector'])).toBe('synchronous');
    expect(rulesFor('static_secret').validationMode(['collector'])).toBe('first_sync');
    for (const modality of modalities.filter((m) => m !== 'static_secret')) {
      expect(rulesFor(modality).validationMode([...implementationKinds])).toBeNull();
    }
  });

  it('names accepted files for uploads only', () => {
    expect(rulesFor('manual_or_upload').acceptedFiles(manifest('manual_or_upload'))).toMatchObject({
      accepted_extensions: ['.txt', '.zip'],
      multi_file: true,
    });
    for (const modality of modalities.filter((m) => m !== 'manual_or_upload')) {
      expect(rulesFor(modality).acceptedFiles(manifest(modality))).toBeNull();
    }
  });
});

describe('the first-sync repair of each modality', () => {
  const repair = (modality: Modality, errorCode: string | null) =>
    RemediationSchema.parse(
      rulesFor(modality).firstSyncRepair({ connectionId: 'cn_1', errorCode }),
    );
  const reconnect = { method: 'POST', path: '/v1/owner/connections/cn_1/reconnect' };

  it.each(credentialRefusalCodes)('a refused static secret (%s) asks for a new one', (code) => {
    expect(repair('static_secret', code)).toMatchObject({
      kind: 'replace_credential',
      action: { method: 'PUT', path: '/v1/owner/connections/cn_1/credential' },
    });
  });

  it('any other failure of a server-collected sync retries it through reconnect', () => {
    expect(repair('static_secret', 'rate_limited')).toMatchObject({
      kind: 'retry_sync',
      action: reconnect,
    });
    expect(repair('provider_authorization', 'credential_rejected')).toMatchObject({
      kind: 'retry_sync',
      action: reconnect,
    });
  });

  it('a device collector is run again by the owner; an upload is uploaded again', () => {
    for (const modality of ['local_collector', 'browser_bound'] as const) {
      expect(repair(modality, null)).toMatchObject({ kind: 'retry_sync', action: null });
    }
    expect(repair('manual_or_upload', null)).toMatchObject({
      kind: 'restart_setup',
      label: 'Upload the export again',
      action: null,
    });
  });
});
