import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EventType,
  type LifecycleEventType,
  type LifecycleStatus,
  legalTransitions,
  lifecycleEventTypes,
  type RetireReason,
  type Transition,
  transition,
} from '../src/index';

const statuses: readonly LifecycleStatus[] = [
  null,
  'draft',
  'active',
  'needs_attention',
  'revoked',
];
const events: readonly LifecycleEventType[] = [
  'draft_created',
  'credential_captured',
  'credential_rejected',
  'replacement_rejected',
  'first_ingest_accepted',
  'first_sync_failed',
  'shell_expired',
  'shell_abandoned',
  'authorization_completed',
  'refresh_failed',
  'sync_stale',
  'sync_recovered',
  'credential_expiring',
  'revoked',
  'reconnect_started',
];

const stays = (status: Transition['status'], ...emits: EventType[]): Transition => ({
  status,
  activated: false,
  retired: null,
  emits,
});
const activates = (...emits: EventType[]): Transition => ({
  status: 'active',
  activated: true,
  retired: null,
  emits,
});
const retires = (reason: RetireReason, ...emits: EventType[]): Transition => ({
  status: 'draft',
  activated: false,
  retired: reason,
  emits,
});

type From = 'none' | Exclude<LifecycleStatus, null>;

/**
 * The lifecycle as the product spec describes it, written out by hand, with the
 * published events each move raises. Every pair not listed here must be refused.
 */
const expected: Record<LifecycleEventType, Partial<Record<From, Transition>>> = {
  draft_created: { none: stays('draft', 'draft_created') },
  credential_captured: {
    draft: stays('draft', 'credential_accepted'),
    active: stays('active', 'credential_accepted'), // rotation
    needs_attention: stays('needs_attention', 'credential_accepted'), // repair
  },
  credential_rejected: {
    draft: retires('credential_rejected', 'credential_rejected'), // first setup: nothing is kept
    active: stays('active', 'credential_rejected'), // rotation: the connection keeps working
    needs_attention: stays('needs_attention', 'credential_rejected'),
  },
  replacement_rejected: {
    draft: stays('draft', 'credential_rejected'), // its validated credential stays, like a rotation
    active: stays('active', 'credential_rejected'),
    needs_attention: stays('needs_attention', 'credential_rejected'),
  },
  first_ingest_accepted: {
    draft: activates('connection_activated'),
    needs_attention: activates('connection_activated'),
    active: stays('active'), // a second ingest is not a second activation, nor news
  },
  first_sync_failed: { draft: stays('draft', 'run_failed') },
  shell_expired: { draft: retires('expired', 'connection_expired') },
  shell_abandoned: { draft: retires('abandoned', 'connection_abandoned') },
  authorization_completed: {
    // OAuth creates the connection only after token exchange + identity
    none: activates('authorization_completed', 'connection_activated'),
    needs_attention: activates('authorization_completed', 'connection_activated'),
    active: stays('active', 'authorization_completed'),
  },
  refresh_failed: {
    active: stays('needs_attention', 'connection_needs_attention'),
    needs_attention: stays('needs_attention'), // surfaced once
  },
  sync_stale: {
    active: stays('needs_attention', 'connection_needs_attention'),
    needs_attention: stays('needs_attention'), // surfaced once
  },
  sync_recovered: {
    needs_attention: activates('connection_activated'), // a sync succeeded again
    active: stays('active'),
  },
  credential_expiring: {
    active: stays('needs_attention', 'connection_needs_attention'), // a week ahead of failure
    needs_attention: stays('needs_attention'), // surfaced once
  },
  revoked: {
    active: stays('revoked', 'connection_revoked'),
    needs_attention: stays('revoked', 'connection_revoked'),
    revoked: stays('revoked'),
  },
  reconnect_started: {
    draft: stays('draft', 'connection_reconnect_started'),
    needs_attention: stays('needs_attention', 'connection_reconnect_started'),
    revoked: stays('needs_attention', 'connection_reconnect_started'),
  },
};

const fromKey = (status: LifecycleStatus): From => status ?? 'none';
const pairs = statuses.flatMap((from) => events.map((event) => ({ from, event })));

describe('transition', () => {
  it('knows exactly the events this table covers', () => {
    expect([...lifecycleEventTypes].sort()).toEqual([...events].sort());
  });

  it.each(pairs.filter(({ from, event }) => expected[event][fromKey(from)] !== undefined))(
    'allows $event from $from',
    ({ from, event }) => {
      expect(transition(from, { type: event })).toEqual({
        ok: true,
        value: expected[event][fromKey(from)],
      });
    },
  );

  it.each(pairs.filter(({ from, event }) => expected[event][fromKey(from)] === undefined))(
    'refuses $event from $from',
    ({ from, event }) => {
      const result = transition(from, { type: event });
      if (result.ok) throw new Error(`${event} from ${from} was allowed`);
      const abandonsActive =
        from === 'active' && (event === 'shell_abandoned' || event === 'shell_expired');
      expect(result.error.code).toBe(abandonsActive ? 'already_active' : 'illegal_transition');
      expect(result.error.from).toBe(from);
      expect(result.error.event).toBe(event);
      expect(result.error.message.length).toBeGreaterThan(0);
    },
  );

  it('legalTransitions() documents exactly the allowed pairs', () => {
    const documented = legalTransitions().map(({ from, event, to }) => ({ from, event, to }));
    const table = pairs.flatMap(({ from, event }) => {
      const to = expected[event][fromKey(from)];
      return to === undefined ? [] : [{ from, event, to }];
    });
    const order = (a: { from: LifecycleStatus; event: string }) => `${a.event}:${a.from}`;
    expect(documented.sort((a, b) => order(a).localeCompare(order(b)))).toEqual(
      table.sort((a, b) => order(a).localeCompare(order(b))),
    );
  });

  it('activates only a draft or a connection needing attention (or an OAuth connection being created)', () => {
    for (const { from, event } of pairs) {
      const result = transition(from, { type: event });
      if (!result.ok || !result.value.activated) continue;
      expect(result.value.status).toBe('active');
      const creatingOAuthConnection = from === null && event === 'authorization_completed';
      expect(from === 'draft' || from === 'needs_attention' || creatingOAuthConnection).toBe(true);
    }
  });

  it('a revoked connection is never re-activated without reconnect_started first', () => {
    for (const event of events) {
      const result = transition('revoked', { type: event });
      if (result.ok) expect(result.value.status).not.toBe('active');
    }
    const repair = transition('revoked', { type: 'reconnect_started' });
    expect(repair.ok && repair.value.status).toBe('needs_attention');
  });

  it('a rejected credential retires a draft but leaves an active connection active', () => {
    expect(transition('draft', { type: 'credential_rejected' })).toEqual({
      ok: true,
      value: {
        status: 'draft',
        activated: false,
        retired: 'credential_rejected',
        emits: ['credential_rejected'],
      },
    });
    expect(transition('active', { type: 'credential_rejected' })).toEqual({
      ok: true,
      value: { status: 'active', activated: false, retired: null, emits: ['credential_rejected'] },
    });
  });

  it('abandoning an active connection says it is already active', () => {
    const result = transition('active', { type: 'shell_abandoned' });
    expect(result).toMatchObject({ ok: false, error: { code: 'already_active' } });
  });

  it('N first ingests into one draft activate it exactly once', () => {
    let status: LifecycleStatus = 'draft';
    let activations = 0;
    for (let i = 0; i < 100; i += 1) {
      const result = transition(status, { type: 'first_ingest_accepted' });
      if (!result.ok) throw new Error('ingest refused');
      status = result.value.status;
      if (result.value.activated) activations += 1;
    }
    expect(status).toBe('active');
    expect(activations).toBe(1);
  });

  it('property: along any event sequence, activated means "became active just now"', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...events), { maxLength: 30 }), (sequence) => {
        let status: LifecycleStatus = null;
        let everActivated = false;
        for (const event of sequence) {
          const result = transition(status, { type: event });
          if (!result.ok) continue;
          const next = result.value;
          expect(next.activated).toBe(next.status === 'active' && status !== 'active');
          if (next.activated) everActivated = true;
          if (next.status === 'active') expect(everActivated).toBe(true);
          // A retired draft is terminal: the store never feeds it another event.
          if (next.retired !== null) {
            expect(next.status).toBe('draft');
            return;
          }
          status = next.status;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
