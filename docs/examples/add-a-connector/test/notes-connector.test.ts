import { type CollectedRecord, ConnectorRegistry } from '@conn/connectors';
import { planSetup, Secret } from '@conn/setup-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notesConnector } from '../src/index';
import { type FakeNotesApi, startFakeNotesApi } from './fake-notes-api';

describe('the worked example connector on its own', () => {
  let api: FakeNotesApi;
  const signal = new AbortController().signal;
  beforeAll(async () => {
    api = await startFakeNotesApi({ token: 'notes-token', notes: 5 });
  });
  afterAll(() => api.close());

  it('parses into a registry and plans as a self-service static secret', () => {
    const registry = ConnectorRegistry.from([notesConnector]);
    const { manifest } = registry.require('notes');
    const plan = planSetup(manifest, {
      deployment: { credential_key_provider: 'file', provider_apps: [], public_origin: null },
      proofs: [],
      implementations: registry.implementations(),
    });
    expect(plan.modality).toBe('static_secret');
    expect(plan.support_state).toBe('proof_gated');
  });

  it('probes: a good token echoes the account, a wrong one is refused with a reason', async () => {
    const fields = { api_url: api.url };
    const good = await notesConnector.probe?.({
      fields,
      secrets: { token: new Secret('notes-token') },
      signal,
      fetch,
    });
    expect(good).toEqual({ ok: true, identity: { account_id: '7', label: 'ada' } });
    const wrong = await notesConnector.probe?.({
      fields,
      secrets: { token: new Secret('wrong') },
      signal,
      fetch,
    });
    expect(wrong).toEqual({ ok: false, message: 'Notes refused this token (401).' });
  });

  it('collects the account and every page of notes, with a checkpoint per page', async () => {
    const emitted: Array<{
      stream: string;
      records: readonly CollectedRecord[];
      checkpoint?: string;
    }> = [];
    const result = await notesConnector.collector?.({
      fields: { api_url: api.url },
      secrets: { token: new Secret('notes-token') },
      signal,
      fetch,
      emit: async (stream, records, checkpoint) => {
        emitted.push({ stream, records, ...(checkpoint === undefined ? {} : { checkpoint }) });
      },
      progress: () => {},
    });
    expect(result?.counts).toEqual({ notes: 5, account: 1 });
    expect(emitted.map((batch) => [batch.stream, batch.records.length, batch.checkpoint])).toEqual([
      ['account', 1, undefined],
      ['notes', 2, '2'],
      ['notes', 2, '3'],
      ['notes', 1, undefined],
    ]);
  });
});
