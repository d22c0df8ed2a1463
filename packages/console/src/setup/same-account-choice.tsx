import type { SameAccountRefusal, SetupStatus } from '@conn/sdk';
import { useMutation } from '@tanstack/react-query';
import { consoleClient } from '../client/console-client';
import { ErrorMessage } from '../shared/error-message';

/**
 * The owner's choice when a credential belongs to an account already
 * connected: put it on that connection (its credential is replaced, this
 * draft abandoned), connect the account a second time, or cancel. The
 * secrets wait in memory only until the owner chose, then are dropped.
 */
export function SameAccountChoice({
  refusal,
  draftId,
  takeSecrets,
  onDone,
  onCancel,
}: {
  refusal: SameAccountRefusal;
  draftId: string;
  /** Hands over the held secrets once, and forgets them. */
  takeSecrets: () => Record<string, string>;
  onDone: (status: SetupStatus, page: 'setup' | 'connection') => void;
  onCancel: () => void;
}) {
  const choose = useMutation({
    mutationFn: async (choice: 'update' | 'keep' | 'cancel') => {
      const client = consoleClient();
      if (choice === 'cancel') {
        takeSecrets();
        await client.abandonEnrollment(draftId);
        return null;
      }
      const secrets = takeSecrets();
      if (choice === 'keep') {
        return {
          status: await client.submitCredential(draftId, secrets, { sameAccount: 'keep' }),
          page: 'setup' as const,
        };
      }
      const status = await client.submitCredential(refusal.connectionId, secrets);
      await client.abandonEnrollment(draftId);
      return { status, page: 'connection' as const };
    },
    onSuccess: (outcome) => {
      if (outcome === null) onCancel();
      else onDone(outcome.status, outcome.page);
    },
  });
  return (
    <div className="note" role="alert" aria-busy={choose.isPending}>
      <p>{refusal.message}</p>
      <p className="actions">
        <button type="button" disabled={choose.isPending} onClick={() => choose.mutate('update')}>
          Use it for “{refusal.label}”
        </button>
        <button
          type="button"
          className="quiet"
          disabled={choose.isPending}
          onClick={() => choose.mutate('keep')}
        >
          Connect a second time
        </button>
        <button
          type="button"
          className="quiet"
          disabled={choose.isPending}
          onClick={() => choose.mutate('cancel')}
        >
          Cancel
        </button>
      </p>
      <ErrorMessage error={choose.error} />
    </div>
  );
}
