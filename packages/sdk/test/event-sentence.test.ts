import type { ConnectionEvent } from '@conn/setup-engine';
import { describe, expect, it } from 'vitest';
import { eventSentence } from '../src/index';

const base = {
  id: 1,
  occurred_at: '2030-01-01T00:00:00.000Z',
  connector: 'github',
  connection_id: 'con_1',
  intent_id: null,
  run_id: 'run_1',
  setup_state: 'active',
} as const;

describe("eventSentence for the owner's data actions", () => {
  it('says a run the owner stopped was stopped, not that it failed', () => {
    const stopped: ConnectionEvent = {
      ...base,
      type: 'run_failed',
      run_kind: 'sync',
      error_code: 'cancelled_by_owner',
    };
    expect(eventSentence(stopped)).toBe('Stopped by you.');
    expect(eventSentence({ ...stopped, error_code: 'provider_unavailable' })).toBe('Sync failed.');
  });

  it('counts what a deletion and an undo removed', () => {
    expect(
      eventSentence({
        ...base,
        setup_state: null,
        type: 'connection_deleted',
        records_deleted: 214,
      }),
    ).toBe('Deleted with everything it held: 214 records.');
    expect(
      eventSentence({ ...base, type: 'run_undone', run_kind: 'import', records_deleted: 1 }),
    ).toBe('Import undone: 1 record removed.');
  });
});
