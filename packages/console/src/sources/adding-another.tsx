import type { SetupPlan } from '@conn/sdk';
import { Link } from 'wouter';
import { useStartSetup } from '../catalog/use-start-setup';
import { pagePaths } from '../client/page-paths';
import { ErrorMessage } from '../shared/error-message';

/**
 * Whether the owner can add another account of this source by themselves
 * today, read from the plan's support state, with the one action that does it.
 */
export function AddingAnother({ plan }: { plan: SetupPlan }) {
  const start = useStartSetup();
  const name = plan.connector.name;
  switch (plan.support_state) {
    case 'supported':
      return (
        <>
          <p>Self-service: you can add another account yourself.</p>
          <button
            type="button"
            className="quiet"
            disabled={start.isPending}
            onClick={() => start.mutate({ connector: plan.connector.key })}
          >
            Add another {name} account
          </button>
          <ErrorMessage error={start.error} />
        </>
      );
    case 'proof_gated':
      return (
        <p>
          Not self-service yet: {plan.proof_gate?.reason ?? plan.support_reason}{' '}
          <Link href={pagePaths.addSource}>See it in the catalog</Link>
        </p>
      );
    case 'needs_deployment_config':
      return (
        <p>
          Waiting for this server's setup.{' '}
          <Link href={pagePaths.connector(plan.connector.key)}>
            Finish this server's setup for {name}
          </Link>
        </p>
      );
    case 'unsupported':
    case 'unknown':
      return <p>Not self-service here: {plan.support_reason}</p>;
  }
}
