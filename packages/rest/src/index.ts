/**
 * @conn/rest — the conn REST surface as an encapsulated Fastify plugin, plus
 * the owner account and error-shape pieces a host server needs.
 */
export { type PrincipalKind, CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './auth/authenticate';
export { authenticateOwner, ensureOwner } from './auth/owner-account';
export { generateOwnerPassword, hashOwnerPassword, verifyOwnerPassword } from './auth/owner-password';
export type { Principal } from './auth/principal';
export { installErrorHandler, installNotFoundHandler, sendError } from './error-handler';
export { httpStatusByCategory } from './http-status';
export { connRest } from './rest-plugin';
export type { ConnRestOptions } from './rest-options';
