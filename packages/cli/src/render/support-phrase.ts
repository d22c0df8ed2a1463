import type { SupportState } from '@conn/sdk';

/**
 * A support state in owner words, for the catalog list.
 *
 * @example
 * supportPhrase('proof_gated'); // 'not proven on this server yet (try it with --unproven)'
 */
export function supportPhrase(state: SupportState): string {
  switch (state) {
    case 'supported':
      return 'ready to connect';
    case 'proof_gated':
      return 'not proven on this server yet (try it with --unproven)';
    case 'needs_deployment_config':
      return "waiting for this server's setup";
    case 'unsupported':
      return 'not available';
    case 'unknown':
      return 'in a state this version of conn does not know (update conn)';
  }
}
