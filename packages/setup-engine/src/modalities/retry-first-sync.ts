import { setupRoutes } from '../routes';
import type { Remediation } from '../setup-state';

/** The repair of a server-collected first sync that failed: retry it, keeping the credential. */
export function retryFirstSync(connectionId: string): Remediation {
  return {
    kind: 'retry_sync',
    label: 'Retry the first sync',
    description: 'The first sync did not finish. Retry it; your credential is kept.',
    action: setupRoutes.reconnect(connectionId),
  };
}
