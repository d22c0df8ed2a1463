import type { SetupStatus } from '@conn/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useLocation } from 'wouter';
import { consoleClient } from '../client/console-client';
import { pagePaths } from '../client/page-paths';
import { ErrorMessage } from '../shared/error-message';

/**
 * Deleting a source for good: a typed confirmation (its name, or its id when
 * it has none) before the records, files and credential go; then back to Sources.
 */
export function DeleteConnection({ status, name }: { status: SetupStatus; name: string }) {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const expected = status.label ?? status.connection_id;
  const remove = useMutation({
    mutationFn: () => consoleClient().deleteConnection(status.connection_id, { confirm: typed }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['connections'] });
      navigate(pagePaths.home);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    remove.mutate();
  };
  return (
    <section aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete</h2>
      {!open && (
        <p className="actions">
          <button
            type="button"
            className="quiet"
            aria-expanded={open}
            onClick={() => setOpen(true)}
          >
            Delete this source
          </button>
        </p>
      )}
      {open && (
        <form className="note narrow-form" onSubmit={submit} aria-busy={remove.isPending}>
          <h3>Delete {name} for good?</h3>
          <p>
            Its {status.records_total.toLocaleString()} records, its uploaded files and media, its
            credential and its history go now, and cannot be brought back. To keep the records and
            only stop collecting, revoke it instead.
          </p>
          <div className="field">
            <label htmlFor="delete-confirm">
              Type <strong>{expected}</strong> to confirm
            </label>
            <input
              id="delete-confirm"
              type="text"
              autoComplete="off"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              required
            />
          </div>
          <p className="actions">
            <button
              type="submit"
              className="danger"
              disabled={remove.isPending || typed.trim() !== expected.trim()}
            >
              {remove.isPending ? 'Deleting…' : 'Delete it and everything it holds'}
            </button>
            <button
              type="button"
              className="quiet"
              onClick={() => {
                setOpen(false);
                setTyped('');
              }}
            >
              Keep it
            </button>
          </p>
          <ErrorMessage error={remove.error} />
        </form>
      )}
    </section>
  );
}
