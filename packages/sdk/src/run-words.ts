import type { RunSummary } from './response-types';

/** A run's kind in owner words; a kind only a later server knows reads as a plain "Run". */
export function runKindWords(kind: string): string {
  switch (kind) {
    case 'first_sync':
      return 'First sync';
    case 'sync':
      return 'Sync';
    case 'import':
      return 'Import';
    default:
      return 'Run';
  }
}

/** A run's status in owner words. */
export function runStatusWords(status: RunSummary['status']): string {
  switch (status) {
    case 'queued':
      return 'Waiting to start';
    case 'running':
      return 'Running';
    case 'succeeded':
      return 'Finished';
    case 'failed':
      return 'Failed';
    case 'cancelled':
      return 'Stopped';
    default:
      return 'Unknown';
  }
}
