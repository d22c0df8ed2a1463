import {
  artifactStatuses,
  connectionStatuses,
  credentialKinds,
  errorCodes,
  materializations,
  modalities,
  nextStepKinds,
  planSetup,
  readinessBlockerCodes,
  remediationKinds,
  retireReasons,
  runStatuses,
  type SetupPlan,
  setupStates,
  supportStates,
  validationModes,
} from '@conn/setup-engine';
import { describe, expect, it } from 'vitest';
import { type Intent, renderNextStep, renderSetupStatus } from '../src/index';
import { intent, plans, status } from './canned';
import { contexts, manifests } from './manifests';

/** Every vocabulary value that is not also an English word. */
const vocabulary = [
  ...modalities,
  ...supportStates,
  ...nextStepKinds,
  ...materializations,
  ...validationModes,
  ...connectionStatuses,
  ...setupStates,
  ...runStatuses,
  ...remediationKinds,
  ...credentialKinds,
  ...retireReasons,
  ...artifactStatuses,
  ...readinessBlockerCodes,
  ...Object.keys(errorCodes),
].filter((value) => value.includes('_'));

const snakeCase = /\b[a-z0-9]+_[a-z0-9_]+\b/i;
const tokenShape = /\bco[asc]_/;

function expectOwnerWords(text: string) {
  for (const value of vocabulary) expect(text).not.toContain(value);
  expect(text).not.toMatch(tokenShape);
}

const allPlans: SetupPlan[] = modalities.flatMap((modality) =>
  Object.values(contexts).map((context) => planSetup(manifests[modality], context)),
);

describe('renderNextStep over every plan the planner makes', () => {
  it('covers every modality and every support state', () => {
    expect(new Set(allPlans.map((plan) => plan.modality))).toEqual(new Set(modalities));
    expect(new Set(allPlans.map((plan) => plan.support_state))).toEqual(new Set(supportStates));
  });

  it.each(allPlans.map((plan) => [`${plan.modality} / ${plan.support_state}`, plan] as const))(
    '%s reads as owner words, with no vocabulary value, snake_case word or secret',
    (_name, plan) => {
      const text = renderNextStep(plan);
      expectOwnerWords(text);
      expect(text).not.toMatch(snakeCase);
      expect(text.startsWith(`${plan.connector.name}: `)).toBe(true);
      if (plan.next_step.kind !== 'none') expect(text).toContain(plan.next_step.label);
      if (plan.support_state === 'unsupported') expect(text).toContain(plan.support_reason);
      if (plan.proof_gate !== null) {
        expect(text).toContain(
          'This has not been proven on this server yet; the owner must confirm an unproven attempt',
        );
      } else {
        expect(text).not.toContain('must confirm an unproven attempt');
      }
      for (const blocker of plan.readiness.blockers) {
        expect(text).toContain(blocker.label);
        expect(text).toContain(blocker.action);
      }
    },
  );

  it('tells the owner where secrets go and what the form asks for', () => {
    const text = renderNextStep(plans.forge);
    expect(text).toContain('Personal access token (kept secret)');
    expect(text).toContain('API URL (optional)');
    expect(text).toContain('https://docs.example.com/forge/tokens');
    expect(text).toContain('never in a chat');
    expect(text).toContain('checks the credential right away');
  });

  it('quotes the published CLI commands of a collector plan', () => {
    const text = renderNextStep(plans.agentLogs);
    expect(text).toMatch(/npm install -g \S+\/cli\/conn-cli\.tgz/);
    expect(text).toMatch(/conn-cli\.tgz collector enroll --server \S+ --code <code>/);
    expect(text).toContain('Runs on: macOS, Linux.');
    expect(text).toContain('~/.agent/sessions on macOS');
  });

  it('gives upload rules in plain units and the acquisition steps', () => {
    const text = renderNextStep(planSetup(manifests.manual_or_upload, contexts.proven));
    expect(text).toContain(
      'Accepted files: .txt, .zip (up to 1 GiB each; several files can go in one upload).',
    );
    expect(text).toContain('How to get it on Android: Open the chat; Tap Export chat.');
  });

  it('shows no terminal command for a browser-bound connector', () => {
    const text = renderNextStep(planSetup(manifests.browser_bound, contexts.unproven));
    expect(text).not.toMatch(/\bconn (collector|connect)\b/);
    expect(text).toContain('not self-service yet');
  });
});

describe('renderNextStep over intents and reconnects', () => {
  const collectorIntent: Intent = intent(plans.agentLogs, {
    connection_id: 'con_7',
    next_step: {
      ...plans.agentLogs.next_step,
      action: null,
      url: 'https://conn.example.com/console/connections/con_7/setup',
      connection_id: 'con_7',
      enrollment_code: '7KQ2-M9XD-4T0B',
      command: 'conn collector enroll --code 7KQ2-M9XD-4T0B',
      expires_at: '2025-03-01T10:15:00.000Z',
    },
  });

  it('gives the exact command with the one-time code, the URL and the expiry', () => {
    const text = renderNextStep(collectorIntent);
    expectOwnerWords(text);
    expect(text).toContain('On the device, run: conn collector enroll --code 7KQ2-M9XD-4T0B');
    expect(text).toContain('Open: https://conn.example.com/console/connections/con_7/setup');
    // Local and relative, never the raw UTC timestamp.
    expect(text).toMatch(/This expires \d+ (days|months|years?) ago \(1 Mar, \d\d:15\)\./);
    expect(text).not.toContain('2025-03-01T10:15:00.000Z');
    expect(text).not.toContain('<code>');
  });

  it('asks for the owner’s confirmation when an unproven path is blocked, in plain words', () => {
    const blocked = intent(plans.forgeUnproven, {
      status: 'blocked',
      blocked: {
        code: 'unproven_path_not_confirmed',
        message: `${plans.forgeUnproven.support_reason} Confirm the unproven attempt (unproven: true) to go ahead.`,
      },
    });
    const text = renderNextStep(blocked);
    expectOwnerWords(text);
    expect(text).toContain('the owner must confirm an unproven attempt');
    expect(text).not.toContain('unproven: true');
  });

  it('labels a confirmed unproven attempt as one', () => {
    const attempt = intent(plans.forgeUnproven);
    const text = renderNextStep(attempt);
    expectOwnerWords(text);
    expect(text).toContain('This is an unproven attempt');
    expect(text).toContain('Open: https://conn.example.com/console/setup/intents/int1');
  });

  it('lists each blocker of a deployment-blocked intent with who fixes it', () => {
    const blocked = intent(plans.lab, {
      status: 'blocked',
      blocked: { code: 'provider_app_not_configured', message: plans.lab.support_reason },
    });
    const text = renderNextStep(blocked);
    expectOwnerWords(text);
    for (const blocker of plans.lab.readiness.blockers) {
      expect(text).toContain(`- ${blocker.label} ${blocker.action}`);
    }
  });

  it('says when an intent is done or ran out', () => {
    expect(renderNextStep(intent(plans.forge, { status: 'completed' }))).toContain(
      'Forge: connected.',
    );
    const expired = renderNextStep(intent(plans.agentLogs, { status: 'expired' }));
    expect(expired).toContain('ended before it finished');
    expectOwnerWords(expired);
  });

  it('renders where a reconnect lands', () => {
    const text = renderNextStep({
      connection_id: 'con_7',
      setup_state: 'needs_attention',
      next_step: { ...collectorIntent.next_step, unproven: false },
    });
    expectOwnerWords(text);
    expect(text).toContain('This connection needs attention.');
    expect(text).toContain('conn collector enroll --code 7KQ2-M9XD-4T0B');
  });
});

const created = '2025-03-01T10:00:00.000Z';

describe('renderSetupStatus', () => {
  const statuses = [
    status({ credential_present: false }),
    status({ modality: 'local_collector', credential_present: false }),
    status({ modality: 'provider_authorization', credential_present: false }),
    status({ modality: 'local_collector', run: { status: 'succeeded', error_code: null } }),
    status({ run: { status: 'queued', error_code: null } }),
    status({ run: { status: 'running', error_code: null } }, { records_total: 1234 }),
    status({ run: { status: 'failed', error_code: 'credential_rejected' } }),
    status({
      modality: 'manual_or_upload',
      run: { status: 'failed', error_code: 'artifact_invalid' },
    }),
    status(
      { connectionStatus: 'active' },
      { records_total: 5, account: { id: '1', label: 'octocat' } },
    ),
    status({ connectionStatus: 'needs_attention' }),
    status(
      { connectionStatus: 'revoked' },
      { revoked_at: '2025-03-02T00:00:00.000Z', records_total: 5 },
    ),
    status({ connectionStatus: 'draft' }, { setup_state: 'expired', unproven: true }),
  ];

  it('covers every setup state', () => {
    expect(new Set(statuses.map((s) => s.setup_state))).toEqual(new Set(setupStates));
  });

  it.each(statuses.map((s) => [s.setup_state, s] as const))(
    '%s reads as owner words',
    (_state, s) => {
      const text = renderSetupStatus(s);
      expectOwnerWords(text);
      expect(text).not.toMatch(/first_sync|error_code/);
      if (s.remediation !== null) expect(text).toContain(s.remediation.label);
    },
  );

  it('shows the stage as words and the records so far', () => {
    const base = status({ run: { status: 'running', error_code: null } });
    const text = renderSetupStatus({
      ...base,
      run: { ...base.run!, stage: 'activity_segments', records_accepted: 1500 },
    });
    expect(text).toContain('First sync: activity segments, 1,500 records so far.');
  });

  it('says when the held credential expires, or that it expired', () => {
    const credential = {
      kind: 'personal_access_token',
      present: true,
      fingerprint: 'abcdef012345',
      validated_at: created,
      rotated_at: null,
      expires_at: new Date(Date.now() + 6 * 86_400_000 + 60_000).toISOString(),
    };
    const active = status({ connectionStatus: 'active' }, { credential });
    const ahead = renderSetupStatus(active);
    expect(ahead).toMatch(/^The token expires in 6 days \(.+\)\.$/m);
    expectOwnerWords(ahead);
    const expired = { ...credential, expires_at: new Date(Date.now() - 86_400_000).toISOString() };
    expect(renderSetupStatus({ ...active, credential: expired })).toMatch(
      /^The token expired yesterday \(.+\)\.$/m,
    );
    const lasting = renderSetupStatus({
      ...active,
      credential: { ...credential, expires_at: null },
    });
    expect(lasting).not.toContain('expire');
  });

  it('echoes the identity when the owner typed no label', () => {
    const text = renderSetupStatus(
      status({ connectionStatus: 'active' }, { account: { id: '1', label: 'octocat' } }),
    );
    expect(text).toContain('Account: octocat');
  });
});
