import type { CatalogEntry } from '@conn/sdk';
import { Link } from 'wouter';
import { pagePaths } from '../client/page-paths';
import { ErrorMessage } from '../shared/error-message';
import { supportStatus } from './support-status';
import { useStartSetup } from './use-start-setup';

/**
 * One connector of the catalog: one status, one primary action, and the
 * honest reason when it cannot be set up here and now. An attempt on a path
 * nobody has proven on this server sits behind a disclosure, labelled so.
 */
export function ConnectorCard({ entry }: { entry: CatalogEntry }) {
  const { plan, holdings } = entry;
  const start = useStartSetup();
  const name = plan.connector.name;
  const headingId = `connector-${plan.connector.key}`;
  const held = Object.values(holdings.connections).reduce((sum, count) => sum + (count ?? 0), 0);
  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{name}</h2>
      <p className="muted">{plan.connector.description}</p>
      <p className="status">
        <strong>{supportStatus(plan)}</strong>
      </p>
      {held + holdings.pending > 0 && (
        <p className="muted">
          {held > 0 && `You have ${held} ${held === 1 ? 'connection' : 'connections'}. `}
          {holdings.pending > 0 &&
            `${holdings.pending} ${holdings.pending === 1 ? 'setup is' : 'setups are'} pending.`}
        </p>
      )}
      <PrimaryAction entry={entry} start={start} />
      <ErrorMessage error={start.error} />
    </li>
  );
}

function PrimaryAction({
  entry,
  start,
}: {
  entry: CatalogEntry;
  start: ReturnType<typeof useStartSetup>;
}) {
  const { plan } = entry;
  const name = plan.connector.name;
  switch (plan.support_state) {
    case 'supported':
      return (
        <button
          type="button"
          disabled={start.isPending}
          onClick={() => start.mutate({ connector: plan.connector.key })}
        >
          Connect {name}
        </button>
      );
    case 'proof_gated':
      return (
        <>
          <p>{plan.proof_gate?.reason ?? plan.support_reason}</p>
          {plan.proof_gate?.unproven_attempt_allowed === true ? (
            <details className="advanced">
              <summary>Advanced: try an unproven attempt</summary>
              <p>
                Nobody has completed this setup on this server yet. You can try it anyway; if it
                fails, nothing is kept.
              </p>
              {plan.proof_gate.learn_more_url !== null && (
                <p>
                  <a href={plan.proof_gate.learn_more_url} target="_blank" rel="noreferrer">
                    What is missing (opens in a new tab)
                  </a>
                </p>
              )}
              <button
                type="button"
                disabled={start.isPending}
                onClick={() => start.mutate({ connector: plan.connector.key, unproven: true })}
              >
                Try {name} (unproven)
              </button>
            </details>
          ) : (
            <p>Until then it cannot be set up here.</p>
          )}
        </>
      );
    case 'needs_deployment_config':
      return (
        <>
          <ul className="blockers">
            {plan.readiness.blockers.map((blocker) => (
              <li key={blocker.label}>
                {blocker.label} {blocker.action}
              </li>
            ))}
          </ul>
          {plan.readiness.blockers.some((blocker) => blocker.fix !== null) && (
            <Link href={pagePaths.connector(plan.connector.key)}>
              Finish this server's setup for {name}
            </Link>
          )}
        </>
      );
    case 'unsupported':
    case 'unknown':
      return <p>{plan.support_reason}</p>;
  }
}
