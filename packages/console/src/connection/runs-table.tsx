import type { RunSummary } from '@conn/sdk';
import { runKindWords, runStatusWords } from '@conn/sdk';
import { localDateTime } from '../shared/local-time';
import { RunActions } from './run-actions';

/** The connection's recent runs, newest first, in local time, each with what the owner can do with it. */
export function RunsTable({
  connectionId,
  runs,
}: {
  connectionId: string;
  runs: readonly RunSummary[];
}) {
  if (runs.length === 0) return <p>No runs yet.</p>;
  return (
    // Focusable, so a keyboard can scroll the table sideways at 360 px.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
    <section className="table-scroll" aria-label="Recent runs" tabIndex={0}>
      <table className="runs">
        <caption className="muted">Newest first</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Outcome</th>
            <th scope="col">Records</th>
            <th scope="col">Started</th>
            <th scope="col">Ended</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td>{runKindWords(run.kind)}</td>
              <td>{runStatusWords(run.status)}</td>
              <td>{run.records_accepted.toLocaleString()}</td>
              <td>{localDateTime(run.created_at)}</td>
              <td>{run.finished_at === null ? '—' : localDateTime(run.finished_at)}</td>
              <td>
                <RunActions connectionId={connectionId} run={run} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
