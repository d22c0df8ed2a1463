import type { SetupPlan } from '@conn/sdk';

/** The one status a connector shows in the catalog, in owner words. */
export function supportStatus(plan: SetupPlan): string {
  switch (plan.support_state) {
    case 'supported':
      return 'Ready to connect';
    case 'proof_gated':
      return 'Not proven on this server yet';
    case 'needs_deployment_config':
      return "Waiting for this server's setup";
    case 'unsupported':
      return 'Not available here yet';
    case 'unknown':
      return 'Needs a newer console';
  }
}
