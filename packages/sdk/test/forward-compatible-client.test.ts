import { describe, expect, it } from 'vitest';
import {
  ConnApiError,
  ConnClient,
  renderNextStep,
  renderSetupStatus,
  setupStateSentence,
} from '../src/index';
import { plans, status } from './canned';

/** A client whose server answers every call with one canned body, as a later server might. */
function clientAnswering(body: unknown, statusCode = 200): ConnClient {
  return new ConnClient({
    baseUrl: 'http://127.0.0.1:9',
    token: 'cos_test',
    fetch: async () =>
      new Response(JSON.stringify(body), {
        status: statusCode,
        headers: { 'content-type': 'application/json' },
      }),
  });
}

describe('an SDK talking to a newer server', () => {
  it('reads a setup status with fields and values it does not know', async () => {
    const later = {
      ...status({ run: { status: 'running', error_code: null } }),
      setup_state: 'paused_by_provider',
      retention_days: 30,
      run: {
        ...status({ run: { status: 'running', error_code: null } }).run,
        status: 'throttled',
        eta_seconds: 12,
      },
    };
    const read = await clientAnswering(later).setupStatus('con_1');
    expect(read.setup_state).toBe('unknown');
    expect(read.run?.status).toBe('unknown');
    expect(read).not.toHaveProperty('retention_days');
    expect(read.run).not.toHaveProperty('eta_seconds');
    const text = renderSetupStatus(read);
    expect(text).toContain('Update conn');
    expect(text).not.toMatch(/paused_by_provider|throttled|\bunknown\b/);
  });

  it('reads a plan whose support state and next step are newer, and renders owner words', async () => {
    const later = {
      ...plans.forge,
      support_state: 'beta',
      next_step: { ...plans.forge.next_step, kind: 'scan_qr_code', materializes: 'pairing' },
      badge: 'new',
    };
    const plan = await clientAnswering(later).plan('forge');
    expect(plan.support_state).toBe('unknown');
    expect(plan.next_step.kind).toBe('unknown');
    expect(plan.next_step.materializes).toBe('unknown');
    const text = renderNextStep(plan);
    expect(text).toContain('update conn');
    expect(text).not.toMatch(/\bbeta\b|scan_qr_code|pairing|\bunknown\b/);
  });

  it('reads a catalog entry of a newer server', async () => {
    const entry = {
      plan: { ...plans.agentLogs, category: 'developer', popularity: 4 },
      holdings: { connections: { active: 1, paused: 2 }, pending: 0, records: 3, bytes: 10 },
    };
    const [read] = await clientAnswering({ connectors: [entry], total: 1 }).connectors();
    expect(read?.holdings).toEqual({ connections: { active: 1 }, pending: 0, records: 3 });
  });

  it('keeps an error code it does not know as the server sent it', async () => {
    const error = await clientAnswering(
      { error: { code: 'quota_exceeded', message: 'This server holds enough.', hint: 'x' } },
      429,
    )
      .plan('forge')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnApiError);
    expect((error as ConnApiError).code).toBe('quota_exceeded');
    expect((error as ConnApiError).message).toBe('This server holds enough.');
  });

  it('has owner words for a state it does not know', () => {
    expect(setupStateSentence('unknown')).toMatch(/Update conn/);
  });
});
