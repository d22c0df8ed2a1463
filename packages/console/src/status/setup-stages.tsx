import type { SetupStatus } from '@conn/sdk';

const stages = ['Set up', 'First sync', 'Connected'] as const;

/** Which named stage a setup is at, and whether that stage failed. */
function stageOf(status: SetupStatus): { at: number; failed: boolean } {
  switch (status.setup_state) {
    case 'awaiting_credential':
    case 'awaiting_owner_action':
    case 'awaiting_collector':
      return { at: 0, failed: false };
    case 'expired':
      return { at: 0, failed: true };
    case 'first_sync_pending':
    case 'first_sync_running':
      return { at: 1, failed: false };
    case 'first_sync_failed':
      return { at: 1, failed: true };
    case 'active':
    case 'revoked':
      return { at: 3, failed: false };
    case 'needs_attention':
      return { at: 2, failed: true };
    case 'unknown':
      return { at: 0, failed: false };
  }
}

/** The setup's named stages as an ordered list: done, current (or failed), still to come. */
export function SetupStages({ status }: { status: SetupStatus }) {
  const { at, failed } = stageOf(status);
  return (
    <ol className="stages" aria-label="Setup stages">
      {stages.map((name, index) => {
        const state =
          index < at ? 'done' : index === at ? (failed ? 'failed' : 'current') : 'to come';
        return (
          <li key={name} className={`stage stage-${state.replace(' ', '-')}`}>
            <span>{name}</span>
            <span className="muted">
              {' '}
              ({state === 'to come' ? 'to come' : state === 'current' ? 'in progress' : state})
            </span>
          </li>
        );
      })}
    </ol>
  );
}
