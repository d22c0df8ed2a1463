import type { EventType } from './events/event-types';
import { err, ok, type Result } from './result';
import type { ConnectionStatus, RetireReason } from './vocabulary';

/**
 * What a service asks the lifecycle to apply to a connection (or to the setup
 * that will become one). Each legal application names the published events it
 * raises (`Transition.emits`).
 */
export type LifecycleEvent =
  | { type: 'draft_created' }
  | { type: 'credential_captured' }
  | { type: 'credential_rejected' }
  | { type: 'replacement_rejected' }
  | { type: 'first_ingest_accepted' }
  | { type: 'first_sync_failed' }
  | { type: 'shell_expired' }
  | { type: 'shell_abandoned' }
  | { type: 'authorization_completed' }
  | { type: 'refresh_failed' }
  | { type: 'sync_stale' }
  | { type: 'sync_recovered' }
  | { type: 'credential_expiring' }
  | { type: 'revoked' }
  | { type: 'reconnect_started' };

export type LifecycleEventType = LifecycleEvent['type'];

export const lifecycleEventTypes = [
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
] as const satisfies readonly LifecycleEventType[];

/** What a legal transition leads to. */
export interface Transition {
  /** The status to store (unchanged when the event does not move it). */
  status: ConnectionStatus;
  /** True exactly when this event turns the connection active for the first time or back to active. */
  activated: boolean;
  /** Set when the draft is retired instead (it keeps status `draft` and is never listed again). */
  retired: RetireReason | null;
  /**
   * The published events this application raises, in order; empty when it
   * changes nothing an observer could act on (a repeated revoke).
   */
  emits: readonly EventType[];
}

/** Why an event cannot happen in the current status. */
export interface IllegalTransition {
  code: 'illegal_transition' | 'already_active';
  from: ConnectionStatus | null;
  event: LifecycleEventType;
  message: string;
}

/** `null` stands for "no connection yet". */
export type LifecycleStatus = ConnectionStatus | null;

const stay = (status: ConnectionStatus, ...emits: EventType[]): Transition => ({
  status,
  activated: false,
  retired: null,
  emits,
});
const move = (status: ConnectionStatus, ...emits: EventType[]): Transition => ({
  status,
  activated: status === 'active',
  retired: null,
  emits,
});
const retire = (reason: RetireReason, ...emits: EventType[]): Transition => ({
  status: 'draft',
  activated: false,
  retired: reason,
  emits,
});

type Rule = Partial<Record<'none' | ConnectionStatus, Transition>>;

/** The whole lifecycle as data: event → from-status → outcome. Anything missing is illegal. */
const rules: Record<LifecycleEventType, Rule> = {
  draft_created: { none: stay('draft', 'draft_created') },
  // Credentials land on drafts (first setup) and on live connections (rotation, repair).
  credential_captured: {
    draft: stay('draft', 'credential_accepted'),
    active: stay('active', 'credential_accepted'),
    needs_attention: stay('needs_attention', 'credential_accepted'),
  },
  // First setup: the draft is retired and nothing is stored. Rotation: the connection keeps working.
  credential_rejected: {
    draft: retire('credential_rejected', 'credential_rejected'),
    active: stay('active', 'credential_rejected'),
    needs_attention: stay('needs_attention', 'credential_rejected'),
  },
  // A draft already holding a validated credential (its first sync failed) treats a refused
  // replacement like a rotation: the validated credential and the draft stay.
  replacement_rejected: {
    draft: stay('draft', 'credential_rejected'),
    active: stay('active', 'credential_rejected'),
    needs_attention: stay('needs_attention', 'credential_rejected'),
  },
  // Later batches on an active connection are records, not news: the run's events tell them.
  first_ingest_accepted: {
    draft: move('active', 'connection_activated'),
    needs_attention: move('active', 'connection_activated'),
    active: stay('active'),
  },
  first_sync_failed: { draft: stay('draft', 'run_failed') },
  shell_expired: { draft: retire('expired', 'connection_expired') },
  shell_abandoned: { draft: retire('abandoned', 'connection_abandoned') },
  // Provider authorization creates the connection active, or repairs one under repair. A revoked
  // connection must go through reconnect_started first, so a stale callback cannot undo a revoke.
  authorization_completed: {
    none: move('active', 'authorization_completed', 'connection_activated'),
    needs_attention: move('active', 'authorization_completed', 'connection_activated'),
    active: stay('active', 'authorization_completed'),
  },
  // A connection that already needs attention says so once, not at every failed refresh.
  refresh_failed: {
    active: move('needs_attention', 'connection_needs_attention'),
    needs_attention: stay('needs_attention'),
  },
  // No sync succeeded for three intervals: the owner hears it once, like a refused credential.
  sync_stale: {
    active: move('needs_attention', 'connection_needs_attention'),
    needs_attention: stay('needs_attention'),
  },
  // A sync that succeeds again (even with nothing new) is the repair of a stale or refused connection.
  sync_recovered: {
    needs_attention: move('active', 'connection_activated'),
    active: stay('active'),
  },
  // The provider said the credential expires within a week: the owner hears it once, ahead of failure.
  credential_expiring: {
    active: move('needs_attention', 'connection_needs_attention'),
    needs_attention: stay('needs_attention'),
  },
  revoked: {
    active: move('revoked', 'connection_revoked'),
    needs_attention: move('revoked', 'connection_revoked'),
    revoked: stay('revoked'),
  },
  // On a draft whose first sync failed, reconnect retries it; on a live connection it starts repair.
  reconnect_started: {
    draft: stay('draft', 'connection_reconnect_started'),
    needs_attention: stay('needs_attention', 'connection_reconnect_started'),
    revoked: move('needs_attention', 'connection_reconnect_started'),
  },
};

/** What each event would do, in owner words, for the refusal message. */
const eventPhrases: Record<LifecycleEventType, string> = {
  draft_created: 'be created again',
  credential_captured: 'take a credential',
  credential_rejected: 'have its credential refused',
  replacement_rejected: 'have a replacement credential refused',
  first_ingest_accepted: 'take its first records',
  first_sync_failed: 'fail its first sync',
  shell_expired: 'expire',
  shell_abandoned: 'be abandoned',
  authorization_completed: 'finish an authorization',
  refresh_failed: 'lose its authorization',
  sync_stale: 'go stale',
  sync_recovered: 'sync again',
  credential_expiring: 'have its credential expire soon',
  revoked: 'be revoked',
  reconnect_started: 'be reconnected',
};

/** Where a connection stands, in owner words. */
const statusPhrases: Record<ConnectionStatus | 'none', string> = {
  none: 'does not exist yet',
  draft: 'is still being set up',
  active: 'is active and working',
  needs_attention: 'needs attention',
  revoked: 'is revoked',
};

/**
 * Applies an event to a connection status. Pure; the store calls it inside the
 * transaction that writes the result, so concurrent callers cannot both win.
 *
 * @example
 * const next = transition('draft', { type: 'first_ingest_accepted' });
 * if (next.ok && next.value.activated) recordActivation();
 */
export function transition(
  from: LifecycleStatus,
  event: LifecycleEvent,
): Result<Transition, IllegalTransition> {
  const outcome = rules[event.type][from ?? 'none'];
  if (outcome !== undefined) return ok(outcome);
  const alreadyActive =
    from === 'active' && (event.type === 'shell_abandoned' || event.type === 'shell_expired');
  return err({
    code: alreadyActive ? 'already_active' : 'illegal_transition',
    from,
    event: event.type,
    message: alreadyActive
      ? 'This connection is already active; there is no setup left to abandon.'
      : `This connection ${statusPhrases[from ?? 'none']}, so it cannot ${eventPhrases[event.type]}.`,
  });
}

/** Every (status, event) pair the lifecycle allows, for documentation and tests. */
export function legalTransitions(): Array<{
  from: LifecycleStatus;
  event: LifecycleEventType;
  to: Transition;
}> {
  return lifecycleEventTypes.flatMap((event) =>
    Object.entries(rules[event]).map(([from, to]) => ({
      from: from === 'none' ? null : (from as ConnectionStatus),
      event,
      to,
    })),
  );
}
