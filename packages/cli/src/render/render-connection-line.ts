import { countOf, type SetupStatus, setupStateSentence } from '@conn/sdk';
import type { Output } from '../output';

/**
 * One connection of `conn connections`: its name, id, where it stands and
 * its records.
 *
 * @example
 * renderConnectionLine(out, status);
 * // octocat (github)  con_01H…  Connected and collecting.  7 records
 */
export function renderConnectionLine(out: Output, status: SetupStatus): string {
  const name = status.label ?? status.connector;
  const records = countOf(status.records_total, 'records');
  const state = setupStateSentence(status.setup_state);
  const colour =
    status.setup_state === 'active' ? 'green' : status.remediation === null ? 'dim' : 'yellow';
  return `${out.style('bold', name)} (${status.connector})  ${status.connection_id}  ${out.style(colour, state)}  ${records}`;
}
