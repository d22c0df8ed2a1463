import type { Actor } from '@conn/services';

/** Who is calling, as resolved from a cookie or a bearer token. */
export type Principal =
  | { kind: 'owner'; ownerId: string; sessionId: string; via: 'cookie' | 'bearer' }
  | { kind: 'agent'; ownerId: string; tokenId: string }
  | { kind: 'collector'; connectionId: string; tokenId: string };

/** The audit actor for a principal (ids only, never a token). */
export function actorOf(principal: Principal): Actor {
  switch (principal.kind) {
    case 'owner':
      return 'owner';
    case 'agent':
      return `agent:${principal.tokenId}`;
    case 'collector':
      return `collector:${principal.tokenId}`;
  }
}
