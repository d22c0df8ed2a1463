import type { Remediation } from '../setup-state';

/** The repair of a device-collected first sync: the owner runs the collector again. */
export const rerunCollector: Remediation = {
  kind: 'retry_sync',
  label: 'Run the collector again',
  description:
    'The collector stopped before its records were accepted. Run it again on your device.',
  action: null,
};
