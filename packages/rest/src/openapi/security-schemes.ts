import { type AuthKind, consoleSession } from '@conn/setup-engine';

/** How each kind of caller proves who it is, as OpenAPI security schemes. */
export const securitySchemes = {
  ownerSession: {
    type: 'apiKey',
    in: 'cookie',
    name: consoleSession.sessionCookie,
    description: `The console's owner session (POST /v1/owner/login, cookie mode). Every change also sends the \`${consoleSession.csrfCookie}\` cookie's value in \`${consoleSession.csrfHeader}\`.`,
  },
  ownerToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An owner session token (POST /v1/owner/login with mode "token"), as the CLI uses.',
  },
  agentToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'An owner-agent token: starts setups and reads status, never submits secrets.',
  },
  collectorToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'A device collector token, returned once by POST /v1/collector/enroll.',
  },
} as const;

const schemesByAuth: Record<AuthKind, Array<keyof typeof securitySchemes>> = {
  owner: ['ownerSession', 'ownerToken'],
  agent: ['agentToken'],
  collector: ['collectorToken'],
};

/** A route's OpenAPI `security`: any one of the schemes its principals use; none for public routes. */
export function securityOf(auth: readonly AuthKind[]): Array<Record<string, string[]>> {
  return auth.flatMap((kind) => schemesByAuth[kind].map((scheme) => ({ [scheme]: [] })));
}
