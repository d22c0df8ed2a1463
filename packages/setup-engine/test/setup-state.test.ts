import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  connectionStatuses,
  expiringBefore,
  isCredentialExpiring,
  type Modality,
  modalities,
  projectSetupState,
  RemediationSchema,
  type RunStatus,
  retireReasons,
  runStatuses,
  type SetupFacts,
  SetupStateSchema,
} from '../src/index';

const now = new Date('2025-06-01T12:00:00Z');
const reconnectRoute = { method: 'POST', path: '/v1/owner/connections/cn_1/reconnect' };

function facts(overrides: {
  modality?: Modality;
  status?: SetupFacts['connection']['status'];
  retired_reason?: SetupFacts['connection']['retired_reason'];
  expires_at?: string | null;
  credential_present?: boolean;
  run?: SetupFacts['run'];
  attention_reason?: SetupFacts['attention_reason'];
}): SetupFacts {
  return {
    modality: overrides.modality ?? 'static_secret',
    connection: {
      id: 'cn_1',
      status: overrides.status ?? 'draft',
      retired_reason: overrides.retired_reason ?? null,
      expires_at: overrides.expires_at ?? null,
    },
    credential_present: overrides.credential_present ?? false,
    run: overrides.run ?? null,
    attention_reason: overrides.attention_reason ?? null,
    now,
  };
}

const run = (status: RunStatus, error_code: string | null = null) => ({ status, error_code });

describe('projectSetupState: each setup state and the facts that produce it', () => {
  it.each([
    ['awaiting_credential', facts({ modality: 'static_secret' })],
    ['awaiting_owner_action', facts({ modality: 'provider_authorization' })],
    ['awaiting_collector', facts({ modality: 'local_collector' })],
    [
      'awaiting_collector',
      facts({ modality: 'browser_bound', expires_at: '2025-06-01T13:00:00Z' }),
    ],
    // A device collector's empty or failed pass leaves the setup waiting for the next one.
    [
      'awaiting_collector',
      facts({ modality: 'local_collector', credential_present: true, run: run('succeeded') }),
    ],
    [
      'awaiting_collector',
      facts({ modality: 'local_collector', credential_present: true, run: run('failed') }),
    ],
    ['first_sync_pending', facts({ credential_present: true })],
    ['first_sync_pending', facts({ credential_present: true, run: run('queued') })],
    ['first_sync_running', facts({ credential_present: true, run: run('running') })],
    [
      'first_sync_failed',
      facts({ credential_present: true, run: run('failed', 'internal_error') }),
    ],
    // A run that finished while the connection is still a draft accepted no record.
    ['first_sync_failed', facts({ credential_present: true, run: run('succeeded') })],
    ['first_sync_failed', facts({ credential_present: true, run: run('cancelled') })],
    ['active', facts({ status: 'active', credential_present: true, run: run('succeeded') })],
    ['needs_attention', facts({ status: 'needs_attention', credential_present: true })],
    ['revoked', facts({ status: 'revoked' })],
    ['expired', facts({ retired_reason: 'abandoned' })],
    ['expired', facts({ modality: 'browser_bound', expires_at: '2025-06-01T11:59:59Z' })],
  ] as const)('%s', (state, input) => {
    expect(projectSetupState(input).setup_state).toBe(state);
  });

  it('every setup state is reachable', () => {
    const reached = new Set(
      [
        facts({}),
        facts({ modality: 'local_collector' }),
        facts({ modality: 'provider_authorization' }),
        facts({ credential_present: true }),
        facts({ credential_present: true, run: run('running') }),
        facts({ credential_present: true, run: run('failed') }),
        facts({ status: 'active' }),
        facts({ status: 'needs_attention' }),
        facts({ status: 'revoked' }),
        facts({ retired_reason: 'expired' }),
      ].map((input) => projectSetupState(input).setup_state),
    );
    expect([...reached].sort()).toEqual([...SetupStateSchema.options].sort());
  });
});

describe('projectSetupState: expiry', () => {
  it('expires a draft once its expires_at has passed, not before', () => {
    const shell = { modality: 'browser_bound' as const, expires_at: now.toISOString() };
    expect(projectSetupState(facts(shell)).setup_state).toBe('expired');
    const later = { ...shell, expires_at: '2025-06-01T12:00:01Z' };
    expect(projectSetupState(facts(later)).setup_state).toBe('awaiting_collector');
  });

  it.each(['expired', 'abandoned', 'credential_rejected'] as const)(
    'a draft retired as %s is expired, with a restart action',
    (reason) => {
      const projection = projectSetupState(
        facts({ retired_reason: reason, credential_present: true, run: run('running') }),
      );
      expect(projection.setup_state).toBe('expired');
      expect(projection.remediation).toMatchObject({
        kind: 'restart_setup',
        action: { method: 'POST', path: '/v1/owner/connections/intents' },
      });
    },
  );

  it('an active connection never expires, whatever its old shell said', () => {
    const input = facts({ status: 'active', expires_at: '2020-01-01T00:00:00Z' });
    expect(projectSetupState(input).setup_state).toBe('active');
  });
});

describe('projectSetupState: remediation', () => {
  it.each(['credential_rejected', 'invalid_credentials', 'unauthenticated'])(
    'a static_secret first sync failed with %s asks for a new credential',
    (code) => {
      const projection = projectSetupState(
        facts({ credential_present: true, run: run('failed', code) }),
      );
      expect(projection).toEqual({
        setup_state: 'first_sync_failed',
        remediation: {
          kind: 'replace_credential',
          label: 'Enter a new credential',
          description: expect.any(String),
          action: { method: 'PUT', path: '/v1/owner/connections/cn_1/credential' },
        },
      });
    },
  );

  it('a static_secret first sync failed by a provider 500 offers retry through reconnect', () => {
    const projection = projectSetupState(
      facts({ credential_present: true, run: run('failed', 'provider_http_500') }),
    );
    expect(projection.setup_state).toBe('first_sync_failed');
    expect(projection.remediation).toMatchObject({ kind: 'retry_sync', action: reconnectRoute });
  });

  it.each([
    'local_collector',
    'browser_bound',
    'manual_or_upload',
    'provider_authorization',
  ] as const)(
    'a %s first sync refused by the provider never asks for a pasted credential',
    (modality) => {
      const projection = projectSetupState(
        facts({ modality, credential_present: true, run: run('failed', 'credential_rejected') }),
      );
      expect(projection.setup_state).toBe(
        modality === 'local_collector' || modality === 'browser_bound'
          ? 'awaiting_collector'
          : 'first_sync_failed',
      );
      expect(projection.remediation?.kind).not.toBe('replace_credential');
    },
  );

  it('a collector first sync failure asks to run the collector again', () => {
    const projection = projectSetupState(
      facts({ modality: 'local_collector', credential_present: true, run: run('failed') }),
    );
    expect(projection.remediation).toMatchObject({ kind: 'retry_sync', action: null });
  });

  it("says what a collector's empty pass did, and how to fix it", () => {
    const empty = projectSetupState(
      facts({ modality: 'local_collector', credential_present: true, run: run('succeeded') }),
    );
    expect(empty.remediation?.description).toMatch(/sent no records.*--path/);
    const failed = projectSetupState(
      facts({ modality: 'local_collector', credential_present: true, run: run('failed', 'x') }),
    );
    expect(failed.remediation?.description).toMatch(/stopped before its records were accepted/);
  });

  it('a failed import asks for the upload again', () => {
    const projection = projectSetupState(
      facts({ modality: 'manual_or_upload', credential_present: true, run: run('failed') }),
    );
    expect(projection.remediation).toMatchObject({ kind: 'restart_setup' });
  });

  it.each(['revoked', 'needs_attention'] as const)(
    '%s offers reconnect on that connection',
    (status) => {
      const projection = projectSetupState(facts({ status, credential_present: true }));
      expect(projection.setup_state).toBe(status);
      expect(projection.remediation).toMatchObject({ kind: 'reconnect', action: reconnectRoute });
    },
  );

  it("words a connection's need for attention by how it is collected", () => {
    const device = projectSetupState(
      facts({ modality: 'local_collector', status: 'needs_attention' }),
    );
    expect(device.remediation?.description).toMatch(/collector on your device/);
    expect(device.remediation?.description).not.toMatch(/provider/);
    const oauth = projectSetupState(
      facts({ modality: 'provider_authorization', status: 'needs_attention' }),
    );
    expect(oauth.remediation?.description).toMatch(/provider no longer accepts/);
  });

  it('a stale server sync offers "sync now" on that connection, not a reconnect', () => {
    const projection = projectSetupState(
      facts({ status: 'needs_attention', credential_present: true, attention_reason: 'stale' }),
    );
    expect(projection.setup_state).toBe('needs_attention');
    expect(projection.remediation).toMatchObject({
      kind: 'retry_sync',
      label: 'Sync now',
      action: { method: 'POST', path: '/v1/owner/connections/cn_1/sync' },
    });
  });

  it('a silent device collector is repaired by running it, on the device', () => {
    const projection = projectSetupState(
      facts({
        modality: 'local_collector',
        status: 'needs_attention',
        credential_present: true,
        attention_reason: 'collector_silent',
      }),
    );
    expect(projection.remediation).toMatchObject({ kind: 'retry_sync', action: null });
    expect(projection.remediation?.description).toMatch(/on that device/);
  });

  it('a silent device collector with no device enrolled any more is repaired by enrolling one', () => {
    const projection = projectSetupState(
      facts({
        modality: 'local_collector',
        status: 'needs_attention',
        credential_present: false,
        attention_reason: 'collector_silent',
      }),
    );
    expect(projection.remediation).toMatchObject({ kind: 'reconnect', label: 'Enroll a device' });
  });

  it('a credential expiring within a week is repaired by replacing it, on that connection', () => {
    const projection = projectSetupState(
      facts({
        status: 'needs_attention',
        credential_present: true,
        attention_reason: 'credential_expiring',
      }),
    );
    expect(projection.setup_state).toBe('needs_attention');
    expect(projection.remediation).toMatchObject({
      kind: 'replace_credential',
      label: 'Replace the credential',
      action: { method: 'PUT', path: '/v1/owner/connections/cn_1/credential' },
    });
  });

  it('an OAuth sign-in expiring within a week is repaired by reconnecting, on that connection', () => {
    const projection = projectSetupState(
      facts({
        modality: 'provider_authorization',
        status: 'needs_attention',
        credential_present: true,
        attention_reason: 'credential_expiring',
      }),
    );
    expect(projection.setup_state).toBe('needs_attention');
    expect(projection.remediation).toMatchObject({
      kind: 'reconnect',
      label: 'Reconnect',
      action: { method: 'POST', path: '/v1/owner/connections/cn_1/reconnect' },
    });
  });

  it('a credential is expiring from a week before its end, and after it; one without an end never is', () => {
    const now = new Date('2030-01-01T00:00:00.000Z');
    expect(isCredentialExpiring('2030-01-08T00:00:00.000Z', now)).toBe(true);
    expect(isCredentialExpiring('2030-01-08T00:00:00.001Z', now)).toBe(false);
    expect(isCredentialExpiring('2029-12-31T00:00:00.000Z', now)).toBe(true);
    expect(isCredentialExpiring(null, now)).toBe(false);
    expect(expiringBefore(now)).toBe('2030-01-08T00:00:00.000Z');
  });

  it('an active connection offers no remediation', () => {
    const projection = projectSetupState(
      facts({ status: 'active', credential_present: true, run: run('failed', 'internal_error') }),
    );
    expect(projection).toEqual({ setup_state: 'active', remediation: null });
  });

  it('property: a remediation comes exactly with a failed, degraded or expired state, and is well-formed', () => {
    const input = fc.record({
      modality: fc.constantFrom(...modalities),
      status: fc.constantFrom(...connectionStatuses),
      retired_reason: fc.constantFrom(null, ...retireReasons),
      expires_at: fc.constantFrom(null, '2025-06-01T11:00:00Z', '2025-06-01T13:00:00Z'),
      credential_present: fc.boolean(),
      run: fc.option(
        fc.record({
          status: fc.constantFrom(...runStatuses),
          error_code: fc.constantFrom(
            null,
            'credential_rejected',
            'internal_error',
            'probe_timeout',
          ),
        }),
      ),
    });
    fc.assert(
      fc.property(input, (raw) => {
        const projection = projectSetupState(facts(raw));
        const repairable = ['first_sync_failed', 'needs_attention', 'revoked', 'expired'];
        // A device collector waiting after a pass that sent nothing is told how to try again.
        const afterPass =
          projection.setup_state === 'awaiting_collector' &&
          raw.run !== null &&
          !['queued', 'running'].includes(raw.run.status);
        expect(projection.remediation !== null).toBe(
          afterPass || repairable.includes(projection.setup_state),
        );
        if (projection.remediation !== null) RemediationSchema.parse(projection.remediation);
        if (raw.status !== 'draft') expect(projection.setup_state).toBe(raw.status);
      }),
    );
  });
});
