import { rulesFor } from './modalities/modality-rules-table';
import type { Action } from './plan';
import type { Remediation } from './remediation';
import { setupRoutes } from './routes';
import type {
  AttentionReason,
  ConnectionStatus,
  Modality,
  RetireReason,
  RunStatus,
  SetupState,
} from './vocabulary';

export { type Remediation, RemediationSchema } from './remediation';

/** The stored facts the setup state is projected from. */
export interface SetupFacts {
  modality: Modality;
  connection: {
    id: string;
    status: ConnectionStatus;
    retired_reason: RetireReason | null;
    /** Drafts with a lifetime (enrollment shells) expire on their own. */
    expires_at: string | null;
  };
  /** A sealed credential, collector token or OAuth token set is held for this connection. */
  credential_present: boolean;
  /** The connection's latest run, if any. */
  run: { status: RunStatus; error_code: string | null } | null;
  /** Why a live connection needs attention when no credential was refused (its health says so). */
  attention_reason?: AttentionReason | null;
  now: Date;
}

export interface SetupProjection {
  setup_state: SetupState;
  remediation: Remediation | null;
}

function reconnect(id: string, label: string, description: string): Remediation {
  return { kind: 'reconnect', label, description, action: setupRoutes.reconnect(id) };
}

const staleRepairs: Record<AttentionReason, (id: string, modality: Modality) => Remediation> = {
  stale: (id) => ({
    kind: 'retry_sync',
    label: 'Sync now',
    description:
      'No sync has succeeded for three sync intervals in a row. Sync now to try again; if it keeps failing, reconnect it.',
    action: setupRoutes.syncNow(id),
  }),
  collector_silent: () => ({
    kind: 'retry_sync',
    label: 'Run the collector',
    description:
      'The collector on your device has not reported for longer than it should. Run it again on that device.',
    action: null,
  }),
  credential_expiring: (id, modality) =>
    rulesFor(modality).renewsCredentialBy === 'reconnecting'
      ? reconnect(
          id,
          'Reconnect',
          "The provider said this connection's sign-in expires within a week, and syncing stops then. Reconnect to sign in again; its records are kept.",
        )
      : {
          kind: 'replace_credential',
          label: 'Replace the credential',
          description:
            'The provider said this credential expires within a week, and syncing stops then. Create a new one at the provider and enter it here.',
          action: setupRoutes.credential(id),
        },
};

const restart: Remediation = {
  kind: 'restart_setup',
  label: 'Start this setup again',
  description: 'This attempt expired before it finished. Nothing was connected.',
  action: setupRoutes.createIntent() satisfies Action,
};

function isExpired(facts: SetupFacts): boolean {
  const { connection, now } = facts;
  if (connection.status !== 'draft') return false;
  if (connection.retired_reason !== null) return true;
  return connection.expires_at !== null && Date.parse(connection.expires_at) <= now.getTime();
}

/**
 * Projects stored facts onto the owner-facing setup state and, when something
 * failed, the one repair action. Never stored: always derived.
 *
 * @example
 * const { setup_state, remediation } = projectSetupState(facts);
 */
export function projectSetupState(facts: SetupFacts): SetupProjection {
  const { connection, run } = facts;
  switch (connection.status) {
    case 'active':
      return { setup_state: 'active', remediation: null };
    case 'revoked':
      return {
        setup_state: 'revoked',
        remediation: reconnect(
          connection.id,
          'Reconnect',
          'Collection stopped when this connection was revoked. Its records are kept.',
        ),
      };
    case 'needs_attention':
      // Silent because no device holds a token any more (revoked, replaced): only enrolling one repairs it.
      if (facts.attention_reason === 'collector_silent' && !facts.credential_present) {
        return {
          setup_state: 'needs_attention',
          remediation: reconnect(
            connection.id,
            'Enroll a device',
            'No device may send to this source any more, so nothing has reported for longer than it should. Enroll a device with a new code; the records are kept.',
          ),
        };
      }
      if (facts.attention_reason) {
        return {
          setup_state: 'needs_attention',
          remediation: staleRepairs[facts.attention_reason](connection.id, facts.modality),
        };
      }
      return {
        setup_state: 'needs_attention',
        remediation: reconnect(
          connection.id,
          'Reconnect',
          rulesFor(facts.modality).attentionReason,
        ),
      };
    case 'draft':
      break;
  }
  if (isExpired(facts)) return { setup_state: 'expired', remediation: restart };
  if (run !== null) {
    switch (run.status) {
      case 'queued':
        return { setup_state: 'first_sync_pending', remediation: null };
      case 'running':
        return { setup_state: 'first_sync_running', remediation: null };
      // A finished run that left the draft a draft accepted no record: not a success.
      case 'succeeded':
      case 'failed':
      case 'cancelled': {
        const rules = rulesFor(facts.modality);
        const remediation = rules.firstSyncRepair({
          connectionId: connection.id,
          errorCode: run.error_code,
        });
        // A device collector's empty or failed pass is not the end: the next pass may succeed.
        if (!rules.firstPassFinal) return { setup_state: 'awaiting_collector', remediation };
        return { setup_state: 'first_sync_failed', remediation };
      }
    }
  }
  if (!facts.credential_present) {
    return { setup_state: rulesFor(facts.modality).awaitingState, remediation: null };
  }
  return { setup_state: 'first_sync_pending', remediation: null };
}
