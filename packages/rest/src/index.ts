/**
 * @conn/rest — the conn REST surface as an encapsulated Fastify plugin, plus
 * the owner account and error-shape pieces a host server needs.
 */
export { CSRF_COOKIE, CSRF_HEADER, type PrincipalKind, SESSION_COOKIE } from './auth/authenticate';
export { authenticateOwner, ensureOwner } from './auth/owner-account';
export {
  generateOwnerPassword,
  hashOwnerPassword,
  verifyOwnerPassword,
} from './auth/owner-password';
export type { Principal } from './auth/principal';
export { installErrorHandler, installNotFoundHandler, sendError } from './error-handler';
export { httpStatusByCategory } from './http-status';
export type { ConnRestOptions } from './rest-options';
export { connRest } from './rest-plugin';
