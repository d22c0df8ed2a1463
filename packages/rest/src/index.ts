/**
 * @conn/rest — the conn REST surface as an encapsulated Fastify plugin, plus
 * the error-shape pieces and principal types a host server needs. The owner
 * account, sessions and agent tokens are services (`@conn/services`).
 */
export { CSRF_COOKIE, CSRF_HEADER, type PrincipalKind, SESSION_COOKIE } from './auth/authenticate';
export type { Principal } from './auth/principal';
export { clientErrorHandler } from './client-error-handler';
export { installErrorHandler, installNotFoundHandler, sendError } from './error-handler';
export { frameworkErrors } from './framework-errors';
export { hostHeaderRequired } from './host-header-required';
export { httpStatusByCategory } from './http-status';
export { ignoreUnknownExpectations } from './ignore-unknown-expectations';
export { type ContractOpenApiOptions, contractOpenApi } from './openapi/contract-openapi';
export type { ConnRestOptions } from './rest-options';
export { connRest } from './rest-plugin';
