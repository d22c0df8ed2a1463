import { useEffect } from 'react';
import { useLocation } from 'wouter';
import { useStartSetup } from '../catalog/use-start-setup';
import { pagePaths } from '../client/page-paths';
import { CopyableCode } from '../shared/copy-button';
import { ErrorMessage } from '../shared/error-message';
import { localDateTime } from '../shared/local-time';
import { useSetupStatus } from '../status/use-setup-status';
import type { StepProps } from './step-props';

/**
 * Collector enrollment: the one-time code and the exact command to run on
 * the device (the server's own CLI), with a copy button. The page watches the
 * connection and moves on by itself once the device has enrolled and sent
 * its first records.
 */
export function CollectorEnrollmentStep({ plan, step }: StepProps) {
  const [, navigate] = useLocation();
  const status = useSetupStatus(step.connection_id);
  const again = useStartSetup();
  const state = status.data?.setup_state;
  const moved =
    status.data !== undefined &&
    (status.data.records_total > 0 ||
      (state !== 'awaiting_collector' && state !== 'awaiting_owner_action'));

  useEffect(() => {
    if (moved && step.connection_id !== null)
      navigate(pagePaths.connectionSetup(step.connection_id));
  }, [moved, step.connection_id, navigate]);

  const collector =
    plan.descriptor.modality === 'local_collector' ? plan.descriptor.collector : null;
  return (
    <section aria-labelledby="step-heading">
      <h2 id="step-heading">{step.label}</h2>
      <p>{step.description}</p>
      {step.command !== null ? (
        <>
          <p>
            One-time code: <strong className="code">{step.enrollment_code}</strong>
          </p>
          <p>On the device, run:</p>
          <CopyableCode value={step.command} label="Copy the enrollment command" />
          {step.expires_at !== null && (
            <p className="muted">The code works once, until {localDateTime(step.expires_at)}.</p>
          )}
          {collector !== null && (
            <p className="muted">
              Then keep it collecting with <code>{collector.run_command}</code>.
            </p>
          )}
          <p aria-live="polite" className="waiting">
            Waiting for your device to enroll and send its first records…
          </p>
        </>
      ) : (
        <>
          <p>The one-time code is shown only once, when the setup starts.</p>
          <button
            type="button"
            disabled={again.isPending}
            onClick={() =>
              again.mutate({
                connector: plan.connector.key,
                ...(step.unproven ? { unproven: true } : {}),
              })
            }
          >
            Get a new code
          </button>
          <ErrorMessage error={again.error} />
        </>
      )}
    </section>
  );
}
