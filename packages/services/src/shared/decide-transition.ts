import {
  ConnError,
  type ConnectionStatus,
  ConnectionStatusSchema,
  type LifecycleEvent,
  type Transition,
  transition,
} from '@conn/setup-engine';
import type { ConnectionRow } from '@conn/store';

/**
 * The engine's decision for `event` on this connection, without writing it:
 * lets a service refuse before doing outside work (a probe call) that the
 * final `applyTransition` would refuse anyway. Throws like `applyTransition`.
 *
 * @example
 * decideTransition(connection, { type: 'credential_captured' });
 */
export function decideTransition(
  connection: ConnectionRow,
  event: LifecycleEvent,
): { from: ConnectionStatus; outcome: Transition } {
  const from = ConnectionStatusSchema.parse(connection.status);
  if (connection.retired_at !== null) {
    throw new ConnError(
      'illegal_transition',
      'This setup attempt has ended; start a new one to connect this account.',
      { from, event: event.type, retired_reason: connection.retired_reason },
    );
  }
  const decided = transition(from, event);
  if (!decided.ok) {
    throw new ConnError(decided.error.code, decided.error.message, { from, event: event.type });
  }
  return { from, outcome: decided.value };
}
