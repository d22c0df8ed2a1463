import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ManifestSchema,
  type PlanningContext,
  planCatalog,
  planSetup,
  requiredImplementations,
  SetupPlanSchema,
} from '@conn/setup-engine';
import { describe, expect, it } from 'vitest';
import { bundledConnectors, type ConnectorRegistry, createBundledRegistry } from '../src/index';
import {
  bareDeployment,
  configuredDeployment,
  manifestOnlyRegistry,
  stubImplementations,
} from './planning-contexts';

const catalogOrder = [
  'github',
  'gmail',
  'claude-code',
  'codex',
  'whatsapp',
  'google-maps-timeline',
  'gitlab',
  'amazon',
];

/**
 * Registers, for every connector, what its modality needs (and a probe for static
 * secrets, and a collector for browser-bound ones, which an unproven attempt needs).
 */
function fullyImplemented(registry: ConnectorRegistry): ConnectorRegistry {
  const { probe, collector, validator, importer } = stubImplementations;
  return registry.keys().reduce((current, key) => {
    const { setup } = current.require(key).manifest;
    const needed = [
      ...requiredImplementations(setup.modality),
      ...(setup.modality === 'browser_bound' ? (['collector'] as const) : []),
    ];
    if (needed.length === 0) return current;
    return current.register(key, {
      ...(needed.includes('collector') ? { collector } : {}),
      ...(needed.includes('validator') ? { validator, importer } : {}),
      ...(setup.modality === 'static_secret' ? { probe } : {}),
    });
  }, registry);
}

function context(
  registry: ConnectorRegistry,
  deployment: PlanningContext['deployment'],
): PlanningContext {
  return { deployment, proofs: [], implementations: registry.implementations() };
}

function stateOf(registry: ConnectorRegistry, ctx: PlanningContext) {
  return Object.fromEntries(
    planCatalog(registry.manifests(), ctx).map((plan) => [plan.connector.key, plan.support_state]),
  );
}

describe('the bundled catalog', () => {
  it('holds the eight connectors of the spec, each manifest valid under the engine schema', () => {
    for (const { manifest } of bundledConnectors) {
      const parsed = ManifestSchema.safeParse(manifest);
      expect(parsed.error?.issues ?? [], String(manifest.key)).toEqual([]);
    }
    expect(createBundledRegistry().keys()).toEqual(catalogOrder);
  });

  it('keeps one folder per connector, named after its key, holding its manifest', () => {
    // Folders without a manifest.ts (shared parsers) are not connectors; the drift check agrees.
    const srcDir = fileURLToPath(new URL('../src', import.meta.url));
    const folders = readdirSync(srcDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .filter((entry) => existsSync(join(srcDir, entry.name, 'manifest.ts')))
      .map((entry) => entry.name)
      .sort();
    expect(folders).toEqual([...catalogOrder].sort());
  });

  it('ships no proofs, because none has been recorded', () => {
    for (const manifest of createBundledRegistry().manifests()) {
      expect(manifest.proofs, manifest.key).toEqual([]);
    }
  });

  it.each(catalogOrder)(
    'plans %s in a configured deployment as a plan that survives serialization unchanged',
    (key) => {
      const registry = fullyImplemented(manifestOnlyRegistry());
      const plan = planSetup(
        registry.require(key).manifest,
        context(registry, configuredDeployment),
      );
      expect(SetupPlanSchema.parse(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
      expect(plan.readiness.blockers).toEqual([]);
    },
  );

  it('with every implementation registered, only remote-provider paths wait for a proof', () => {
    const registry = fullyImplemented(manifestOnlyRegistry());
    expect(stateOf(registry, context(registry, configuredDeployment))).toEqual({
      github: 'proof_gated',
      gmail: 'proof_gated',
      'claude-code': 'supported',
      codex: 'supported',
      whatsapp: 'supported',
      'google-maps-timeline': 'supported',
      gitlab: 'proof_gated',
      amazon: 'proof_gated',
    });
  });

  it('with nothing registered, every connector that needs an implementation is unsupported, saying why', () => {
    const registry = manifestOnlyRegistry();
    const plans = planCatalog(registry.manifests(), context(registry, configuredDeployment));
    const needingOne = plans.filter((plan) => requiredImplementations(plan.modality).length > 0);
    expect(needingOne.map((plan) => plan.connector.key)).toEqual(
      catalogOrder.filter((key) => key !== 'amazon'),
    );
    for (const plan of needingOne) {
      expect(plan.support_state, plan.connector.key).toBe('unsupported');
      expect(plan.support_reason).toContain(plan.connector.name);
      expect(plan.next_step.kind).toBe('none');
      expect(SetupPlanSchema.parse(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
    }
  });

  it('plans Amazon unsupported while no browser collector is registered, offering no unproven try', () => {
    const registry = manifestOnlyRegistry();
    const amazon = planSetup(
      registry.require('amazon').manifest,
      context(registry, configuredDeployment),
    );
    expect(amazon.support_state).toBe('unsupported');
    expect(amazon.proof_gate).toBeNull();
    expect(amazon.next_step).toMatchObject({ kind: 'none', action: null, unproven: false });
    expect(amazon.support_reason).toContain('no collector for Amazon');
  });

  it('plans Amazon with a registered collector proof-gated with a key provider, and needing deployment config without one', () => {
    const registry = manifestOnlyRegistry().register('amazon', {
      collector: stubImplementations.collector,
    });
    const amazon = registry.require('amazon').manifest;
    const withKey = planSetup(amazon, context(registry, configuredDeployment));
    expect(withKey.support_state).toBe('proof_gated');
    expect(withKey.proof_gate?.unproven_attempt_allowed).toBe(true);
    expect(withKey.next_step.kind).toBe('enroll_browser_collector');
    expect(withKey.next_step.unproven).toBe(true);

    const withoutKey = planSetup(amazon, context(registry, bareDeployment));
    expect(withoutKey.support_state).toBe('needs_deployment_config');
    expect(withoutKey.readiness.blockers.map((b) => b.code)).toEqual(['credential_key_missing']);
  });

  it('plans GitLab without a configured OAuth app as needing deployment config, pointing at the app route', () => {
    const registry = manifestOnlyRegistry().register('gitlab', {
      collector: stubImplementations.collector,
    });
    const plan = planSetup(
      registry.require('gitlab').manifest,
      context(registry, { ...configuredDeployment, provider_apps: [] }),
    );
    expect(plan.support_state).toBe('needs_deployment_config');
    expect(plan.readiness.blockers).toEqual([
      expect.objectContaining({
        code: 'provider_app_missing',
        fix: { method: 'PUT', path: '/v1/owner/deployment/provider-apps/gitlab' },
      }),
    ]);
    expect(plan.next_step.kind).toBe('configure_deployment');
  });

  it('flips GitHub from unsupported to proof-gated once a collector is registered', () => {
    const bare = manifestOnlyRegistry();
    const github = bare.require('github').manifest;
    expect(planSetup(github, context(bare, configuredDeployment)).support_state).toBe(
      'unsupported',
    );

    const withCollector = bare.register('github', { collector: stubImplementations.collector });
    const plan = planSetup(github, context(withCollector, configuredDeployment));
    expect(plan.support_state).toBe('proof_gated');
    expect(plan.validation_mode).toBe('first_sync');

    const withProbe = withCollector.register('github', { probe: stubImplementations.probe });
    expect(planSetup(github, context(withProbe, configuredDeployment)).validation_mode).toBe(
      'synchronous',
    );
  });

  it('describes each setup the way the owner needs to take it', () => {
    const registry = manifestOnlyRegistry();
    const plans = Object.fromEntries(
      planCatalog(registry.manifests(), context(registry, configuredDeployment)).map((plan) => [
        plan.connector.key,
        plan.descriptor,
      ]),
    );

    expect(plans.github).toMatchObject({
      modality: 'static_secret',
      credential_kind: 'personal_access_token',
      fields: [
        { name: 'token', secret: true, required: true },
        {
          name: 'api_url',
          type: 'url',
          secret: false,
          default: 'https://api.github.com',
          advanced: true,
        },
      ],
    });
    expect(plans.gmail).toMatchObject({
      credential_kind: 'app_password',
      fields: [
        { name: 'email', type: 'email', secret: false },
        { name: 'app_password', secret: true },
        { name: 'imap_host', default: 'imap.gmail.com', advanced: true },
        { name: 'imap_port', default: '993', advanced: true },
      ],
    });
    expect(plans['claude-code']).toMatchObject({
      collector: {
        name: 'claude-code',
        default_paths: { macos: '~/.claude/projects', linux: '~/.claude/projects' },
        run_command: expect.stringMatching(
          /^npx -y \S+\/cli\/conn-cli\.tgz collector run claude-code$/,
        ),
      },
    });
    expect(plans.codex).toMatchObject({ collector: { name: 'codex' } });
    expect(plans.whatsapp).toMatchObject({
      upload: {
        accepted_extensions: ['.txt', '.zip'],
        max_file_bytes: 2 * 1024 ** 3,
        multi_file: true,
      },
    });
    expect(plans['google-maps-timeline']).toMatchObject({
      upload: {
        accepted_names: ['Timeline.json', 'Records.json', 'location-history.json'],
        max_file_bytes: 1024 ** 3,
        multi_file: true,
      },
    });
    expect(plans.gitlab).toMatchObject({
      authorization: {
        provider_app_group: 'gitlab',
        scopes: ['read_user', 'read_api'],
        pkce: 'S256',
      },
    });
    expect(plans.amazon).toMatchObject({
      browser: { login_url: 'https://www.amazon.com/ap/signin' },
    });
  });

  it('gives every upload connector guidance per platform, and every field a readable label', () => {
    for (const manifest of createBundledRegistry().manifests()) {
      const { setup } = manifest;
      if (setup.modality === 'manual_or_upload') {
        for (const guide of setup.upload.acquisition) {
          expect(guide.steps.length, `${manifest.key} ${guide.platform}`).toBeGreaterThan(1);
        }
      }
      if (setup.modality === 'static_secret') {
        for (const field of setup.fields) {
          expect(field.label).not.toMatch(/_/);
        }
      }
    }
    const platformsOf = (key: string) => {
      const { setup } = manifestOnlyRegistry().require(key).manifest;
      return setup.modality === 'manual_or_upload'
        ? setup.upload.acquisition.map((guide) => guide.platform)
        : [];
    };
    expect(platformsOf('whatsapp')).toEqual(['android', 'ios']);
    expect(platformsOf('google-maps-timeline')).toEqual(['android', 'ios', 'web']);
  });
});

describe('the bundled implementations', () => {
  it('registers GitHub and Gmail probes and collectors and the two local collectors, and plans them honestly', () => {
    const registry = createBundledRegistry();
    expect(registry.implementations()).toMatchObject({
      github: ['probe', 'collector'],
      'claude-code': ['collector'],
      codex: ['collector'],
      gmail: ['probe', 'collector'],
    });
    const plans = Object.fromEntries(
      planCatalog(registry.manifests(), context(registry, configuredDeployment)).map((p) => [
        p.connector.key,
        p,
      ]),
    );
    expect(plans.github?.support_state).toBe('proof_gated');
    expect(plans.github?.validation_mode).toBe('synchronous');
    expect(plans['claude-code']?.support_state).toBe('supported');
    expect(plans.codex?.support_state).toBe('supported');
    expect(plans.gmail?.support_state).toBe('proof_gated');
    expect(plans.gmail?.validation_mode).toBe('synchronous');
  });
});
