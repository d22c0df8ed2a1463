import type { RunSummary } from '@conn/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { consoleClient } from '../client/console-client';
import { queryKeys } from '../client/query-keys';
import { ErrorMessage } from '../shared/error-message';
import { localDateTime } from '../shared/local-time';

/**
 * What the owner can do with one run of the list: stop it while it waits or
 * runs, or undo a finished import after confirming (only the records it
 * added go). An undone import says when it was undone.
 */
export function RunActions({ connectionId, run }: { connectionId: string; run: RunSummary }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.runs(connectionId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.setupStatus(connectionId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.streamCounts(connectionId) }),
    ]);
  const cancel = useMutation({
    mutationFn: () => consoleClient().cancelRun(connectionId, run.id),
    onSuccess: () => refresh(),
  });
  const undo = useMutation({
    mutationFn: () => consoleClient().undoImport(connectionId, run.id),
    onSuccess: () => {
      setConfirming(false);
      return refresh();
    },
  });
  const open = run.status === 'queued' || run.status === 'running';
  if (run.undone_at != null)
    return <span className="muted">Undone {localDateTime(run.undone_at)}</span>;
  if (open) {
    return (
      <>
        <button
          type="button"
          className="quiet"
          disabled={cancel.isPending}
          onClick={() => cancel.mutate()}
        >
          Stop
        </button>
        <ErrorMessage error={cancel.error} />
      </>
    );
  }
  if (run.kind !== 'import') return null;
  if (!confirming) {
    return (
      <button type="button" className="quiet" onClick={() => setConfirming(true)}>
        Undo import
      </button>
    );
  }
  return (
    <fieldset className="note">
      <legend>Undo this import?</legend>
      <p>
        The {run.records_accepted.toLocaleString()} records this import brought are removed; records
        that were already there stay.
      </p>
      <p className="actions">
        <button
          type="button"
          className="danger"
          disabled={undo.isPending}
          onClick={() => undo.mutate()}
        >
          Yes, undo it
        </button>
        <button type="button" className="quiet" onClick={() => setConfirming(false)}>
          Keep it
        </button>
      </p>
      <ErrorMessage error={undo.error} />
    </fieldset>
  );
}
