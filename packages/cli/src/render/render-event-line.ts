import { type ConnEvent, eventSentence, setupStateSentence } from '@conn/sdk';
import type { Output } from '../output';

/**
 * One event of `conn events`: the local time, which source, what happened
 * and where its setup stands now.
 *
 * @example
 * renderEventLine(out, event, names);
 * // 14:03:12  GitHub  con_01H…  Credential accepted.  The first sync is about to start.
 */
export function renderEventLine(
  out: Output,
  event: ConnEvent,
  names: ReadonlyMap<string, string>,
): string {
  const time = new Date(event.occurred_at).toLocaleTimeString('en-GB');
  const source = names.get(event.connector) ?? event.connector;
  const where = event.connection_id === null ? '' : `  ${event.connection_id}`;
  const state =
    event.setup_state === null
      ? ''
      : `  ${out.style('dim', setupStateSentence(event.setup_state))}`;
  return `${out.style('dim', time)}  ${out.style('bold', source)}${where}  ${eventSentence(event)}${state}`;
}
