import type { Remediation } from '../setup-state';

/**
 * The repair of a device collector's pass that ended without an accepted
 * record: the owner runs it again, told what the last pass did.
 *
 * @example
 * rerunCollector(null).description; // 'The collector's last pass sent no records…'
 */
export function rerunCollector(errorCode: string | null): Remediation {
  return {
    kind: 'retry_sync',
    label: 'Run the collector again',
    description:
      errorCode === null
        ? "The collector's last pass sent no records. Check that it reads the folder that holds your data (give it with --path), then run it again on your device."
        : "The collector's last pass stopped before its records were accepted. Run it again on your device.",
    action: null,
  };
}
