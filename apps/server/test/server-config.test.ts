import { describe, expect, it } from 'vitest';
import { loadServerConfig, ServerConfigError } from '../src/server-config';

describe('webhook settings', () => {
  it('refuse private targets and start retries at 30 s by default', () => {
    expect(loadServerConfig({}, '/srv').webhooks).toEqual({
      allowPrivateTargets: false,
      retryBaseMs: 30_000,
    });
  });

  it('read the operator’s choices', () => {
    const config = loadServerConfig(
      { CONN_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', CONN_WEBHOOK_RETRY_BASE_MS: '250' },
      '/srv',
    );
    expect(config.webhooks).toEqual({ allowPrivateTargets: true, retryBaseMs: 250 });
    expect(
      loadServerConfig({ CONN_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' }, '/srv').webhooks
        .allowPrivateTargets,
    ).toBe(false);
  });

  it('stop the start on a bad value, naming the setting', () => {
    for (const env of [
      { CONN_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'maybe' },
      { CONN_WEBHOOK_RETRY_BASE_MS: '5' },
    ]) {
      const error = (() => {
        try {
          loadServerConfig(env, '/srv');
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(ServerConfigError);
      expect((error as ServerConfigError).message).toContain(Object.keys(env)[0]);
    }
  });
});

describe('database pool setting', () => {
  it('leaves the pool to be sized for the machine by default, or takes the operator’s size', () => {
    expect(loadServerConfig({}, '/srv').databasePoolSize).toBeNull();
    expect(loadServerConfig({ CONN_DATABASE_POOL_SIZE: '4' }, '/srv').databasePoolSize).toBe(4);
    for (const value of ['0', 'many', '2.5']) {
      expect(() => loadServerConfig({ CONN_DATABASE_POOL_SIZE: value }, '/srv')).toThrow(
        /CONN_DATABASE_POOL_SIZE/,
      );
    }
  });
});

describe('event stream settings', () => {
  it('beat every 15 s by default, or as the operator sets', () => {
    expect(loadServerConfig({}, '/srv').events).toEqual({ heartbeatMs: 15_000 });
    expect(loadServerConfig({ CONN_EVENT_HEARTBEAT_MS: '5000' }, '/srv').events).toEqual({
      heartbeatMs: 5_000,
    });
    expect(() => loadServerConfig({ CONN_EVENT_HEARTBEAT_MS: '10' }, '/srv')).toThrow(
      /CONN_EVENT_HEARTBEAT_MS/,
    );
  });
});

describe('recovery settings', () => {
  it('re-queue a silent sync after 60 s, lease uploads for 10 s and give a shutdown 10 s by default', () => {
    expect(loadServerConfig({}, '/srv').recovery).toEqual({
      runStaleAfterMs: 60_000,
      uploadLeaseMs: 10_000,
      shutdownGraceMs: 10_000,
    });
  });

  it('read the operator’s choices, and refuse a lease whose renewals would be over 10 s apart', () => {
    const config = loadServerConfig(
      {
        CONN_RUN_STALE_AFTER_MS: '3000',
        CONN_UPLOAD_LEASE_MS: '2000',
        CONN_SHUTDOWN_GRACE_MS: '0',
      },
      '/srv',
    );
    expect(config.recovery).toEqual({
      runStaleAfterMs: 3_000,
      uploadLeaseMs: 2_000,
      shutdownGraceMs: 0,
    });
    for (const env of [
      { CONN_UPLOAD_LEASE_MS: '31000' },
      { CONN_RUN_STALE_AFTER_MS: '10' },
      { CONN_SHUTDOWN_GRACE_MS: 'soon' },
    ]) {
      expect(() => loadServerConfig(env, '/srv')).toThrow(Object.keys(env)[0]);
    }
  });
});

describe('slow-client settings', () => {
  it('give headers 10 s, a buffered body 30 s, an idle connection 60 s and keep-alive 5 s by default', () => {
    expect(loadServerConfig({}, '/srv').timeouts).toEqual({
      headersMs: 10_000,
      bodyMs: 30_000,
      idleMs: 60_000,
      keepAliveMs: 5_000,
    });
  });

  it('read the operator’s choices, and refuse a heartbeat that would not beat before the idle cut', () => {
    const config = loadServerConfig(
      {
        CONN_HEADERS_TIMEOUT_MS: '2000',
        CONN_REQUEST_TIMEOUT_MS: '4000',
        CONN_IDLE_TIMEOUT_MS: '20000',
        CONN_KEEP_ALIVE_TIMEOUT_MS: '1000',
      },
      '/srv',
    );
    expect(config.timeouts).toEqual({
      headersMs: 2_000,
      bodyMs: 4_000,
      idleMs: 20_000,
      keepAliveMs: 1_000,
    });
    expect(() =>
      loadServerConfig({ CONN_IDLE_TIMEOUT_MS: '10000', CONN_EVENT_HEARTBEAT_MS: '10000' }, '/srv'),
    ).toThrow(/CONN_EVENT_HEARTBEAT_MS must be shorter than CONN_IDLE_TIMEOUT_MS/);
    expect(() => loadServerConfig({ CONN_HEADERS_TIMEOUT_MS: 'slow' }, '/srv')).toThrow(
      'CONN_HEADERS_TIMEOUT_MS',
    );
  });
});
