import type { NextStep } from '../plan';

/** The step of a path that cannot be taken here: no action, and why. */
export function noStep(reason: string): NextStep {
  return {
    kind: 'none',
    label: 'Not available on this server',
    description: reason,
    action: null,
    materializes: 'nothing',
    unproven: false,
  };
}
