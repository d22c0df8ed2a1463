import { createBundledRegistry } from '@conn/connectors';
import { renderNextStep, renderSetupStatus, type SetupPlan, setupStateSentence } from '@conn/sdk';
import {
  attentionReasons,
  connectionStatuses,
  materializations,
  modalities,
  nextStepKinds,
  type PlanningContext,
  planCatalog,
  projectSetupState,
  runStatuses,
  SetupStatusSchema,
  setupStates,
  supportStates,
} from '@conn/setup-engine';
import { describe, expect, it } from 'vitest';
import { Output } from '../src/output';
import { renderCatalogEntry } from '../src/render/render-catalog-entry';

const registry = createBundledRegistry();

/** A deployment with everything an operator can configure, and a fresh install with nothing. */
const configuredDeployment: PlanningContext['deployment'] = {
  credential_key_provider: 'file',
  provider_apps: ['gitlab'],
  public_origin: 'https://conn.example.com',
};
const bareDeployment: PlanningContext['deployment'] = {
  credential_key_provider: null,
  provider_apps: [],
  public_origin: null,
};
const manifests = registry.manifests();
const keys = manifests.map((manifest) => manifest.key);

/** Every registered implementation, none, and each deployment: every support state the catalog can show. */
const contexts: PlanningContext[] = [configuredDeployment, bareDeployment].flatMap((deployment) => [
  { deployment, proofs: [], implementations: registry.implementations() },
  {
    deployment,
    proofs: manifests.map((m) => ({
      connector: m.key,
      modality: m.setup.modality,
      connection_id: 'con_proof',
      run_id: 'run_proof',
      record_count: 1,
      recorded_at: '2026-12-01T10:00:00.000Z',
    })),
    implementations: Object.fromEntries(
      keys.map((key) => [key, ['probe', 'collector', 'validator'] as const]),
    ),
  },
  { deployment, proofs: [], implementations: {} },
]);

// Request-only fields never appear in words the owner reads.
const vocabulary = [
  ...modalities,
  ...supportStates,
  ...nextStepKinds,
  ...materializations,
  ...setupStates,
  ...connectionStatuses.filter((status) => status !== 'active' && status !== 'revoked'),
  ...runStatuses.filter((status) => !['running', 'failed', 'cancelled'].includes(status)),
].filter((value) => value.includes('_'));

function expectOwnerCopy(text: string, where: string): void {
  for (const value of vocabulary) expect(text, `${where}: ${value}`).not.toContain(value);
  expect(text, where).not.toMatch(/\b(unproven|connection_id|reconnect_connection_id): /);
  expect(text, where).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  expect(text, where).not.toMatch(/(^|[^\d,])1 (records|chats|messages|activities|places)\b/);
  expect(text, where).not.toMatch(/\.\.(?!\.)|\.;|;\.|\s\.$/m);
  // The CLI is served by the server; nothing is published to the npm registry.
  expect(text, where).not.toContain('npm install -g @conn/cli');
}

function plansIn(context: PlanningContext): SetupPlan[] {
  return planCatalog(manifests, context);
}

describe('owner copy over the whole catalog', () => {
  it('renders every plan of every connector in every support state in owner words', () => {
    const seen = new Set<string>();
    const out = new Output({ write: () => true }, { write: () => true });
    for (const context of contexts) {
      for (const plan of plansIn(context)) {
        seen.add(plan.support_state);
        expectOwnerCopy(renderNextStep(plan), `plan ${plan.connector.key}`);
        const holdings = { connections: { active: 1 }, pending: 1, records: 1 };
        const entry = renderCatalogEntry(out, { plan, holdings }).join('\n');
        expectOwnerCopy(entry, `catalog ${plan.connector.key}`);
        expect(entry).toContain('1 record');
      }
    }
    expect([...seen].sort()).toEqual([...supportStates].sort());
  });

  it('renders every setup state of every modality, with its repair, in owner words', () => {
    for (const state of setupStates) expectOwnerCopy(setupStateSentence(state), state);
    for (const modality of modalities) {
      for (const status of connectionStatuses) {
        const runs = [null, ...runStatuses.map((s) => ({ status: s, error_code: null }))];
        for (const [run, attention_reason] of runs.flatMap((r) =>
          [null, ...attentionReasons].map((reason) => [r, reason] as const),
        )) {
          const now = new Date('2026-12-01T12:00:00Z');
          const facts = {
            modality,
            connection: { id: 'con_1', status, retired_reason: null, expires_at: null },
            credential_present: run !== null,
            run,
            attention_reason,
            now,
          };
          const projection = projectSetupState(facts);
          const view = SetupStatusSchema.parse({
            connection_id: 'con_1',
            connector: keys[0],
            modality,
            label: 'Work',
            account: null,
            status,
            setup_state: projection.setup_state,
            unproven: false,
            run:
              run === null
                ? null
                : {
                    id: 'run_1',
                    kind: 'first_sync',
                    status: run.status,
                    stage: 'items',
                    records_accepted: 1,
                    error_code: null,
                    created_at: '2026-12-01T11:59:00.000Z',
                    finished_at: null,
                  },
            records_total: 1,
            credential: null,
            health:
              status === 'active' || status === 'needs_attention'
                ? {
                    interval_seconds: 21_600,
                    last_success_at: '2026-12-01T06:00:00.000Z',
                    last_failure_at: '2026-12-01T11:00:00.000Z',
                    consecutive_failures: 2,
                    next_sync_at: '2026-12-01T12:04:00.000Z',
                    stale: attention_reason !== null,
                  }
                : null,
            remediation: projection.remediation,
            expires_at: status === 'draft' ? '2026-12-01T12:15:00.000Z' : null,
            activated_at: null,
            revoked_at: status === 'revoked' ? '2026-12-01T11:00:00.000Z' : null,
            created_at: '2026-12-01T11:58:00.000Z',
          });
          const rendered = renderSetupStatus(view);
          expectOwnerCopy(rendered, `${modality}/${status}/${run?.status}/${attention_reason}`);
          if (view.health !== null)
            expect(rendered).toMatch(/Last synced .*\nThe last 2 syncs failed\.\nNext sync /);
        }
      }
    }
  });
});
