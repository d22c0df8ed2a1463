import { describe, expect, it } from 'vitest';
import {
  isCredentialRefusal,
  isOpenRun,
  openRunStatuses,
  type RunStatus,
  runStatuses,
  type SetupState,
  setupOutcome,
  setupStates,
} from '../src/index';

describe('isOpenRun', () => {
  it('is true for queued and running runs only', () => {
    expect(openRunStatuses).toEqual(['queued', 'running']);
    expect(runStatuses.filter((status) => isOpenRun(status))).toEqual(['queued', 'running']);
  });

  it('is false when there is no run', () => {
    expect(isOpenRun(null)).toBe(false);
    expect(isOpenRun(undefined)).toBe(false);
  });
});

describe('isCredentialRefusal', () => {
  it.each(['credential_rejected', 'invalid_credentials', 'unauthenticated'])(
    '%s is a refusal',
    (code) => {
      expect(isCredentialRefusal(code)).toBe(true);
    },
  );

  it.each(['rate_limited', 'provider_unavailable', 'sync_failed', 'worker_lost', '', null])(
    '%s is not',
    (code) => {
      expect(isCredentialRefusal(code)).toBe(false);
    },
  );
});

describe('setupOutcome', () => {
  const status = (setup_state: SetupState, run: RunStatus | null = null) => ({
    setup_state,
    run: run === null ? null : { status: run },
  });

  it('is active once active, whatever its run', () => {
    expect(setupOutcome(status('active'))).toBe('active');
    expect(setupOutcome(status('active', 'running'))).toBe('active');
  });

  it.each(['first_sync_failed', 'expired', 'revoked'] as const)('%s has failed', (state) => {
    expect(setupOutcome(status(state))).toBe('failed');
  });

  it('needs_attention has failed unless a repair run is under way', () => {
    expect(setupOutcome(status('needs_attention'))).toBe('failed');
    expect(setupOutcome(status('needs_attention', 'failed'))).toBe('failed');
    expect(setupOutcome(status('needs_attention', 'queued'))).toBe('pending');
    expect(setupOutcome(status('needs_attention', 'running'))).toBe('pending');
  });

  it.each([
    'awaiting_credential',
    'awaiting_owner_action',
    'first_sync_pending',
    'first_sync_running',
  ] as const)('%s is still pending', (state) => {
    expect(setupOutcome(status(state))).toBe('pending');
  });

  it('answers for every setup state', () => {
    for (const state of setupStates) {
      expect(['active', 'failed', 'pending']).toContain(setupOutcome(status(state)));
    }
  });
});
