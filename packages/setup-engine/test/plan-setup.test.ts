import { describe, expect, it } from 'vitest';
import {
  instanceBlockers,
  type Manifest,
  type Materialization,
  type Modality,
  type NextStepKind,
  type PlanningContext,
  type ProofRecord,
  parseManifest,
  planCatalog,
  planSetup,
  SetupPlanSchema,
  type SupportState,
} from '../src/index';
import { manifestInput, manifestInputs } from './manifest-inputs';
import { readyContext } from './ready-context';

const manifest = (modality: Modality): Manifest => parseManifest(manifestInputs[modality]);

const proofFor = (connector: string, modality: Modality): ProofRecord => ({
  connector,
  modality,
  connection_id: 'cn_proof',
  run_id: 'run_proof',
  record_count: 3,
  recorded_at: '2025-06-01T10:00:00Z',
});

const shipped = (modality: Modality): Manifest =>
  parseManifest({
    ...manifestInput(modality),
    proofs: [proofFor(manifestInputs[modality].key, modality)],
  });

interface Row {
  modality: Modality;
  when: string;
  manifest: () => Manifest;
  context: PlanningContext;
  state: SupportState;
  kind: NextStepKind;
  materializes: Materialization;
}

const rows: Row[] = [
  // static_secret
  {
    modality: 'static_secret',
    when: 'a proof is recorded in this deployment',
    manifest: () => manifest('static_secret'),
    context: readyContext({ proofs: [proofFor('forge', 'static_secret')] }),
    state: 'supported',
    kind: 'capture_static_secret',
    materializes: 'draft',
  },
  {
    modality: 'static_secret',
    when: 'the manifest ships a proof with evidence',
    manifest: () => shipped('static_secret'),
    context: readyContext(),
    state: 'supported',
    kind: 'capture_static_secret',
    materializes: 'draft',
  },
  {
    modality: 'static_secret',
    when: 'no proof exists',
    manifest: () => manifest('static_secret'),
    context: readyContext(),
    state: 'proof_gated',
    kind: 'capture_static_secret',
    materializes: 'draft',
  },
  {
    modality: 'static_secret',
    when: 'the only proofs are for another connector or another modality',
    manifest: () => manifest('static_secret'),
    context: readyContext({
      proofs: [proofFor('lab', 'static_secret'), proofFor('forge', 'provider_authorization')],
    }),
    state: 'proof_gated',
    kind: 'capture_static_secret',
    materializes: 'draft',
  },
  {
    modality: 'static_secret',
    when: 'no credential key provider is configured',
    manifest: () => manifest('static_secret'),
    context: readyContext({ deployment: { credential_key_provider: null } }),
    state: 'needs_deployment_config',
    kind: 'configure_deployment',
    materializes: 'nothing',
  },
  {
    modality: 'static_secret',
    when: 'only a probe (no collector) is registered',
    manifest: () => manifest('static_secret'),
    context: readyContext({ implementations: { forge: ['probe'] } }),
    state: 'unsupported',
    kind: 'none',
    materializes: 'nothing',
  },
  // local_collector
  {
    modality: 'local_collector',
    when: 'its collector is registered',
    manifest: () => manifest('local_collector'),
    context: readyContext(),
    state: 'supported',
    kind: 'enroll_local_collector',
    materializes: 'enrollment_code',
  },
  {
    modality: 'local_collector',
    when: 'there is no credential key, public origin, proof or disk headroom',
    manifest: () => manifest('local_collector'),
    context: readyContext({
      deployment: { credential_key_provider: null, public_origin: null, disk_space_low: true },
    }),
    state: 'supported',
    kind: 'enroll_local_collector',
    materializes: 'enrollment_code',
  },
  {
    modality: 'local_collector',
    when: 'no collector is registered',
    manifest: () => manifest('local_collector'),
    context: readyContext({ implementations: {} }),
    state: 'unsupported',
    kind: 'none',
    materializes: 'nothing',
  },
  // manual_or_upload
  {
    modality: 'manual_or_upload',
    when: 'its validator is registered',
    manifest: () => manifest('manual_or_upload'),
    context: readyContext({ deployment: { credential_key_provider: null } }),
    state: 'supported',
    kind: 'provide_import_file',
    materializes: 'upload_artifact',
  },
  {
    modality: 'manual_or_upload',
    when: 'the data directory is almost full',
    manifest: () => manifest('manual_or_upload'),
    context: readyContext({ deployment: { disk_space_low: true } }),
    state: 'needs_deployment_config',
    kind: 'configure_deployment',
    materializes: 'nothing',
  },
  {
    modality: 'manual_or_upload',
    when: 'no validator is registered',
    manifest: () => manifest('manual_or_upload'),
    context: readyContext({ implementations: { 'chat-export': ['collector'] } }),
    state: 'unsupported',
    kind: 'none',
    materializes: 'nothing',
  },
  // provider_authorization
  {
    modality: 'provider_authorization',
    when: 'a proof is recorded and the provider app is configured',
    manifest: () => manifest('provider_authorization'),
    context: readyContext({ proofs: [proofFor('lab', 'provider_authorization')] }),
    state: 'supported',
    kind: 'open_provider_auth',
    materializes: 'authorization_session',
  },
  {
    modality: 'provider_authorization',
    when: 'no proof exists',
    manifest: () => manifest('provider_authorization'),
    context: readyContext(),
    state: 'proof_gated',
    kind: 'open_provider_auth',
    materializes: 'authorization_session',
  },
  {
    modality: 'provider_authorization',
    when: 'its provider app is not configured (even with a proof)',
    manifest: () => shipped('provider_authorization'),
    context: readyContext({ deployment: { provider_apps: ['other'] } }),
    state: 'needs_deployment_config',
    kind: 'configure_deployment',
    materializes: 'nothing',
  },
  {
    modality: 'provider_authorization',
    when: 'the server has no public origin',
    manifest: () => manifest('provider_authorization'),
    context: readyContext({ deployment: { public_origin: null } }),
    state: 'needs_deployment_config',
    kind: 'configure_deployment',
    materializes: 'nothing',
  },
  {
    modality: 'provider_authorization',
    when: 'no credential key provider is configured',
    manifest: () => manifest('provider_authorization'),
    context: readyContext({ deployment: { credential_key_provider: null } }),
    state: 'needs_deployment_config',
    kind: 'configure_deployment',
    materializes: 'nothing',
  },
  {
    modality: 'provider_authorization',
    when: 'no collector is registered',
    manifest: () => manifest('provider_authorization'),
    context: readyContext({ implementations: {} }),
    state: 'unsupported',
    kind: 'none',
    materializes: 'nothing',
  },
  // browser_bound
  {
    modality: 'browser_bound',
    when: 'a proof is recorded',
    manifest: () => manifest('browser_bound'),
    context: readyContext({ proofs: [proofFor('shop', 'browser_bound')] }),
    state: 'supported',
    kind: 'enroll_browser_collector',
    materializes: 'enrollment_shell',
  },
  {
    modality: 'browser_bound',
    when: 'no proof exists',
    manifest: () => manifest('browser_bound'),
    context: readyContext(),
    state: 'proof_gated',
    kind: 'enroll_browser_collector',
    materializes: 'enrollment_shell',
  },
  {
    modality: 'browser_bound',
    when: 'no proof exists and no collector is registered to try one with',
    manifest: () => manifest('browser_bound'),
    context: readyContext({ implementations: { shop: [] } }),
    state: 'unsupported',
    kind: 'none',
    materializes: 'nothing',
  },
  {
    modality: 'browser_bound',
    when: 'no credential key provider is configured',
    manifest: () => manifest('browser_bound'),
    context: readyContext({ deployment: { credential_key_provider: null } }),
    state: 'needs_deployment_config',
    kind: 'configure_deployment',
    materializes: 'nothing',
  },
  // unsupported
  {
    modality: 'unsupported',
    when: 'always',
    manifest: () => manifest('unsupported'),
    context: readyContext({ proofs: [proofFor('legacy', 'unsupported')] }),
    state: 'unsupported',
    kind: 'none',
    materializes: 'nothing',
  },
];

describe('planSetup: every reachable modality × support state', () => {
  it.each(rows)('$modality is $state when $when', (row) => {
    const plan = planSetup(row.manifest(), row.context);
    expect(plan.modality).toBe(row.modality);
    expect(plan.support_state).toBe(row.state);
    expect(plan.next_step.kind).toBe(row.kind);
    expect(plan.next_step.materializes).toBe(row.materializes);
    expect(plan.next_step.unproven).toBe(row.state === 'proof_gated');
    expect(plan.proof_gate === null).toBe(row.state !== 'proof_gated');
    expect(plan.readiness.ready).toBe(plan.readiness.blockers.length === 0);
    if (row.state === 'needs_deployment_config') expect(plan.readiness.ready).toBe(false);
    expect(plan.support_reason.length).toBeGreaterThan(0);
    expect(SetupPlanSchema.parse(plan)).toEqual(plan);
  });

  it('the table reaches every modality × state the planner can produce', () => {
    const reached = new Set(rows.map((row) => `${row.modality}:${row.state}`));
    expect([...reached].sort()).toEqual(
      [
        'browser_bound:needs_deployment_config',
        'browser_bound:proof_gated',
        'browser_bound:supported',
        'browser_bound:unsupported',
        'local_collector:supported',
        'local_collector:unsupported',
        'manual_or_upload:needs_deployment_config',
        'manual_or_upload:supported',
        'manual_or_upload:unsupported',
        'provider_authorization:needs_deployment_config',
        'provider_authorization:proof_gated',
        'provider_authorization:supported',
        'provider_authorization:unsupported',
        'static_secret:needs_deployment_config',
        'static_secret:proof_gated',
        'static_secret:supported',
        'static_secret:unsupported',
        'unsupported:unsupported',
      ].sort(),
    );
  });
});

describe('planSetup: the next step', () => {
  const supportedContext = readyContext({
    proofs: [
      proofFor('forge', 'static_secret'),
      proofFor('lab', 'provider_authorization'),
      proofFor('shop', 'browser_bound'),
    ],
  });

  it.each([
    [
      'static_secret',
      'POST',
      '/v1/owner/connections/drafts',
      'Enter your Forge personal access token',
    ],
    [
      'local_collector',
      'POST',
      '/v1/owner/connections/intents',
      'Enroll the Agent Logs collector on your device',
    ],
    [
      'manual_or_upload',
      'POST',
      '/v1/owner/uploads?connector=chat-export',
      'Upload your Chat Export export',
    ],
    ['provider_authorization', 'POST', '/v1/owner/connectors/lab/authorize', 'Authorize Lab'],
    [
      'browser_bound',
      'POST',
      '/v1/owner/connectors/shop/browser-enrollment-shell',
      'Sign in to Shop in a browser collector',
    ],
  ] as const)('%s points at %s %s', (modality, method, path, label) => {
    const step = planSetup(manifest(modality), supportedContext).next_step;
    expect(step.action).toEqual({ method, path });
    expect(step.label).toBe(label);
    expect(step.description).not.toContain('not been proven');
  });

  it('an unsupported connector offers no action and says why', () => {
    const plan = planSetup(manifest('unsupported'), supportedContext);
    expect(plan.next_step).toMatchObject({ kind: 'none', action: null, unproven: false });
    expect(plan.support_reason).toBe('Legacy offers no export and no API.');
    expect(plan.next_step.description).toBe('Legacy offers no export and no API.');
  });

  it('a missing implementation names what is missing', () => {
    const collector = planSetup(manifest('static_secret'), readyContext({ implementations: {} }));
    expect(collector.support_reason).toBe('This server has no collector for Forge yet.');
    const validator = planSetup(
      manifest('manual_or_upload'),
      readyContext({ implementations: {} }),
    );
    expect(validator.support_reason).toBe('This server has no validator for Chat Export yet.');
  });

  it('a proof-gated step says it is unproven and links to the docs', () => {
    const plan = planSetup(manifest('static_secret'), readyContext());
    expect(plan.next_step.description).toContain(
      'This path has not been proven end to end on this server yet.',
    );
    expect(plan.proof_gate).toEqual({
      reason: plan.support_reason,
      learn_more_url: 'https://docs.example.com/forge',
      unproven_attempt_allowed: true,
    });
    expect(planSetup(manifest('browser_bound'), readyContext()).proof_gate?.learn_more_url).toBe(
      null,
    );
  });
});

describe('planSetup: an unproven attempt is offered only when something here can carry it out', () => {
  const noCollector = { shop: [] };

  it('a browser-bound connector with no collector and no proof is unsupported, offering no try', () => {
    const plan = planSetup(
      manifest('browser_bound'),
      readyContext({ implementations: noCollector }),
    );
    expect(plan.support_state).toBe('unsupported');
    expect(plan.proof_gate).toBeNull();
    expect(plan.next_step).toMatchObject({ kind: 'none', action: null, unproven: false });
    expect(plan.support_reason).toBe(
      'No Shop connection has been proven end to end on this server yet, and this server has no collector for Shop to try one with.',
    );
  });

  it('says so even without a credential key: configuring the server would not make it work', () => {
    const plan = planSetup(
      manifest('browser_bound'),
      readyContext({ implementations: noCollector, deployment: { credential_key_provider: null } }),
    );
    expect(plan.support_state).toBe('unsupported');
    expect(plan.readiness.blockers.map((b) => b.code)).toEqual(['credential_key_missing']);
  });

  it('a registered collector makes it an unproven attempt the owner may take', () => {
    const plan = planSetup(manifest('browser_bound'), readyContext());
    expect(plan.support_state).toBe('proof_gated');
    expect(plan.proof_gate?.unproven_attempt_allowed).toBe(true);
    expect(plan.next_step).toMatchObject({ kind: 'enroll_browser_collector', unproven: true });
  });

  it('a recorded proof makes it supported without one: its collector runs on the device', () => {
    const plan = planSetup(
      manifest('browser_bound'),
      readyContext({ implementations: noCollector, proofs: [proofFor('shop', 'browser_bound')] }),
    );
    expect(plan.support_state).toBe('supported');
    expect(plan.next_step.unproven).toBe(false);
  });
});

describe('planSetup: deployment readiness', () => {
  it('lists every blocker of an OAuth connector in a bare deployment, with the console fix', () => {
    const plan = planSetup(
      manifest('provider_authorization'),
      readyContext({
        deployment: { credential_key_provider: null, provider_apps: [], public_origin: null },
      }),
    );
    expect(plan.readiness.blockers.map((b) => b.code)).toEqual([
      'credential_key_missing',
      'provider_app_missing',
      'public_origin_missing',
    ]);
    expect(plan.readiness.blockers[1]).toMatchObject({
      audience: 'operator',
      label: 'Lab OAuth app is not configured on this server yet.',
      fix: { method: 'PUT', path: '/v1/owner/deployment/provider-apps/lab' },
    });
    expect(plan.next_step).toMatchObject({
      kind: 'configure_deployment',
      label: 'Ask the server operator to finish setup',
      action: null,
      unproven: false,
    });
    expect(plan.proof_gate).toBeNull();
  });

  it('a configured provider app for the same group unblocks the connector', () => {
    const plan = planSetup(manifest('provider_authorization'), readyContext());
    expect(plan.readiness).toEqual({ ready: true, blockers: [] });
  });

  it('instanceBlockers lists what the whole instance lacks, independent of connectors', () => {
    const bare = readyContext({
      deployment: { credential_key_provider: null, public_origin: null, disk_space_low: true },
    });
    expect(instanceBlockers(bare).map((b) => b.code)).toEqual([
      'credential_key_missing',
      'public_origin_missing',
      'disk_space_low',
    ]);
    expect(instanceBlockers(readyContext())).toEqual([]);
  });
});

describe('planSetup: validation mode and descriptors', () => {
  it('static_secret validates synchronously only when a probe is registered', () => {
    expect(planSetup(manifest('static_secret'), readyContext()).validation_mode).toBe(
      'synchronous',
    );
    const noProbe = readyContext({ implementations: { forge: ['collector'] } });
    expect(planSetup(manifest('static_secret'), noProbe).validation_mode).toBe('first_sync');
  });

  it.each([
    'local_collector',
    'manual_or_upload',
    'provider_authorization',
    'browser_bound',
    'unsupported',
  ] as const)('%s has no validation mode', (modality) => {
    expect(planSetup(manifest(modality), readyContext()).validation_mode).toBeNull();
  });

  it('a credential form carries its fields but the plan holds no secret value', () => {
    const plan = planSetup(manifest('static_secret'), readyContext());
    expect(plan.descriptor).toMatchObject({
      modality: 'static_secret',
      credential_kind: 'personal_access_token',
      fields: [
        { name: 'token', type: 'password', secret: true, required: true, advanced: false },
        {
          name: 'api_url',
          secret: false,
          required: false,
          advanced: true,
          default: 'https://api.forge.example.com',
        },
      ],
    });
  });

  it('a collector descriptor quotes the CLI this server serves, with its origin', () => {
    const plan = planSetup(manifest('local_collector'), readyContext());
    const served = 'https://conn.example.com/cli/conn-cli.tgz';
    expect(plan.descriptor).toEqual({
      modality: 'local_collector',
      collector: {
        name: 'agent-logs',
        label: 'Agent Logs collector',
        platforms: ['macos', 'linux'],
        default_paths: { macos: '~/.agent/sessions', linux: '~/.agent/sessions' },
        install_command: `npm install -g ${served}`,
        enroll_command: `npx -y ${served} collector enroll --server https://conn.example.com --code <code>`,
        run_command: `npx -y ${served} collector run agent-logs`,
      },
    });
    // Without a known origin the command says which address goes there.
    const blind = readyContext({
      deployment: { ...readyContext().deployment, public_origin: null },
    });
    const unknown = planSetup(manifest('local_collector'), blind).descriptor;
    expect(unknown.modality === 'local_collector' && unknown.collector.enroll_command).toBe(
      'npx -y <server>/cli/conn-cli.tgz collector enroll --server <server> --code <code>',
    );
  });

  it('an authorization descriptor names scopes and the redirect URI to register, not the app credentials', () => {
    const context = readyContext();
    const plan = planSetup(manifest('provider_authorization'), context);
    expect(plan.descriptor).toEqual({
      modality: 'provider_authorization',
      authorization: {
        provider_app_group: 'lab',
        provider_app_label: 'Lab OAuth app',
        scopes: ['read_user', 'read_api'],
        pkce: 'S256',
        redirect_path: '/v1/oauth/callback',
        redirect_uri: `${context.deployment.public_origin}/v1/oauth/callback`,
      },
    });
    const blind = readyContext({ deployment: { ...context.deployment, public_origin: null } });
    const unknown = planSetup(manifest('provider_authorization'), blind).descriptor;
    expect(
      unknown.modality === 'provider_authorization' && unknown.authorization.redirect_uri,
    ).toBe(null);
    // The operator's blocker says which URI to register.
    const missing = readyContext({ deployment: { ...context.deployment, provider_apps: [] } });
    const blocker = planSetup(manifest('provider_authorization'), missing).readiness.blockers[0];
    expect(blocker?.action).toContain(
      `redirect URI ${context.deployment.public_origin}/v1/oauth/callback`,
    );
  });

  it('streams are listed without their record keys', () => {
    const plan = planSetup(manifest('static_secret'), readyContext());
    expect(plan.streams).toEqual([
      { name: 'items', label: 'Items', description: 'Everything it collects.' },
      { name: 'starred', label: 'Starred', description: 'Starred repositories.' },
    ]);
  });

  it('a connector key that collides with an Object.prototype name plans like any other', () => {
    const input = { ...manifestInput('local_collector'), key: 'constructor' };
    const plan = planSetup(parseManifest(input), readyContext());
    expect(plan.support_state).toBe('unsupported');
    expect(plan.support_reason).toBe('This server has no collector for Agent Logs yet.');
    const implementations: PlanningContext['implementations'] = JSON.parse(
      '{"constructor":["collector"]}',
    );
    const registered = readyContext({ implementations });
    expect(planSetup(parseManifest(input), registered).support_state).toBe('supported');
  });

  it('planCatalog plans every connector in catalog order', () => {
    const catalog = (['unsupported', 'static_secret', 'local_collector'] as const).map(manifest);
    expect(planCatalog(catalog, readyContext()).map((p) => p.connector.key)).toEqual([
      'legacy',
      'forge',
      'agent-logs',
    ]);
  });
});
