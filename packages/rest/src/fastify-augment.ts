import type { PrincipalKind } from './auth/authenticate';
import type { Principal } from './auth/principal';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which principals may call the route; routes without it are public. */
    auth?: readonly PrincipalKind[];
  }
  interface FastifyRequest {
    /** Set by the auth hook for routes that declare `config.auth`. */
    principal: Principal | null;
  }
}
