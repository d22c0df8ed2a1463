import { describe, expect, it } from 'vitest';
import { ConnectionEventSchema, eventTypes } from '../src/index';

const base = {
  id: 7,
  occurred_at: '2030-01-01T00:00:00.000Z',
  connector: 'whatsapp',
  connection_id: 'con_1',
  intent_id: null,
  run_id: null,
  // The connection is gone: no state follows the deletion.
  setup_state: null,
};

describe("the owner's data events", () => {
  it('are published types, after the lifecycle ones', () => {
    expect(eventTypes).toContain('connection_deleted');
    expect(eventTypes).toContain('run_undone');
  });

  it('carry counts only: a deletion says how many records went, with nothing about them', () => {
    expect(
      ConnectionEventSchema.parse({ ...base, type: 'connection_deleted', records_deleted: 214 }),
    ).toMatchObject({ type: 'connection_deleted', records_deleted: 214 });
    expect(
      ConnectionEventSchema.safeParse({
        ...base,
        type: 'connection_deleted',
        records_deleted: 214,
        label: 'Family chats',
      }).success,
    ).toBe(false);
    expect(
      ConnectionEventSchema.safeParse({ ...base, type: 'connection_deleted', records_deleted: -1 })
        .success,
    ).toBe(false);
  });

  it('name the undone run and its kind', () => {
    const undone = { ...base, type: 'run_undone', run_id: 'run_1', records_deleted: 3 };
    expect(ConnectionEventSchema.safeParse(undone).success).toBe(false);
    expect(ConnectionEventSchema.parse({ ...undone, run_kind: 'import' })).toMatchObject({
      run_id: 'run_1',
      run_kind: 'import',
      records_deleted: 3,
    });
  });
});
