import {
  type Intent,
  IntentSchema,
  planSetup,
  projectSetupState,
  type SetupFacts,
  type SetupPlan,
  type SetupStatus,
  SetupStatusSchema,
} from '@conn/setup-engine';
import { contexts, manifests } from './manifests';

/** Real plans from the engine's planner. */
export const plans = {
  forge: planSetup(manifests.static_secret, contexts.proven),
  forgeUnproven: planSetup(manifests.static_secret, contexts.unproven),
  agentLogs: planSetup(manifests.local_collector, contexts.proven),
  lab: planSetup(manifests.provider_authorization, contexts.unconfigured),
} satisfies Record<string, SetupPlan>;

const created = '2025-03-01T10:00:00.000Z';

/**
 * A schema-valid setup status whose `setup_state` and `remediation` come
 * from the engine's own projection of the given facts.
 *
 * @example
 * status({ run: { status: 'running', error_code: null } }, { records_total: 3 });
 */
export function status(
  facts: Partial<Pick<SetupFacts, 'run' | 'credential_present'>> & {
    connectionStatus?: SetupFacts['connection']['status'];
    modality?: SetupFacts['modality'];
  } = {},
  overrides: Partial<SetupStatus> = {},
): SetupStatus {
  const modality = facts.modality ?? 'static_secret';
  const projection = projectSetupState({
    modality,
    connection: {
      id: 'con_1',
      status: facts.connectionStatus ?? 'draft',
      retired_reason: null,
      expires_at: null,
    },
    credential_present: facts.credential_present ?? true,
    run: facts.run ?? null,
    now: new Date(created),
  });
  const run =
    facts.run === undefined || facts.run === null
      ? null
      : {
          id: 'run_1',
          kind: 'first_sync',
          status: facts.run.status,
          stage: facts.run.status === 'running' ? 'repositories' : null,
          records_accepted: 0,
          error_code: facts.run.error_code,
          created_at: created,
          finished_at: null,
        };
  return SetupStatusSchema.parse({
    connection_id: 'con_1',
    connector: 'forge',
    modality,
    label: null,
    account: null,
    status: facts.connectionStatus ?? 'draft',
    setup_state: projection.setup_state,
    unproven: false,
    run,
    records_total: 0,
    credential: null,
    remediation: projection.remediation,
    expires_at: null,
    activated_at: null,
    revoked_at: null,
    created_at: created,
    ...overrides,
  });
}

/** A schema-valid intent over a real plan, carrying its plan's next step. */
export function intent(plan: SetupPlan, overrides: Partial<Intent> = {}): Intent {
  return IntentSchema.parse({
    intent_id: 'int1',
    connector: plan.connector.key,
    status: 'pending_owner_action',
    connection_id: null,
    plan,
    next_step: {
      ...plan.next_step,
      url: 'https://conn.example.com/console/setup/intents/int1',
      connection_id: null,
      enrollment_code: null,
      command: null,
      expires_at: null,
    },
    blocked: null,
    created_at: created,
    ...overrides,
  });
}
