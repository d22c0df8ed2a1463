import type { ContractRoute } from '@conn/setup-engine';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  RouteShorthandOptions,
} from 'fastify';
import type { z } from 'zod';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** The request types a contract route's schemas give its handler. */
export interface ContractRequestTypes<R extends ContractRoute> {
  Params: Out<R['params']>;
  Querystring: Out<R['querystring']>;
  Body: Out<R['body']>;
  Headers: Out<R['headers']>;
}

/** A handler for one contract route: its answer is the route's response (or the reply, once sent). */
export type ContractHandler<R extends ContractRoute> = (
  request: FastifyRequest<ContractRequestTypes<R>>,
  reply: FastifyReply,
) => Promise<Out<R['response']> | FastifyReply>;

/** What a route adds beside the contract: rate limits, body limits, hooks, log level. */
export type RouteExtras = Omit<RouteShorthandOptions, 'schema'>;

/** The Fastify schema of a contract route: its inputs, its answer for the success status, its OpenAPI names. */
export function fastifySchemaOf(route: ContractRoute): FastifySchema {
  const schema: FastifySchema & { operationId: string } = {
    operationId: route.operationId,
    summary: route.summary,
  };
  if (route.params !== undefined) schema.params = route.params;
  if (route.querystring !== undefined) schema.querystring = route.querystring;
  if (route.headers !== undefined) schema.headers = route.headers;
  if (route.body !== undefined) schema.body = route.body;
  if (route.response !== null) schema.response = { [route.status]: route.response };
  return schema;
}

/**
 * Registers a handler for a route of the contract: the method, path,
 * schemas and accepted principals come from the route table, so REST cannot
 * drift from what the SDK sends. The route's success status is set before
 * the handler runs.
 *
 * @example
 * mountRoute(app, contract.getSetupPlan, async (request) => services.planFor(ownerId, request.params.key));
 */
export function mountRoute<R extends ContractRoute>(
  app: FastifyInstance,
  route: R,
  handler: ContractHandler<R>,
  extras: RouteExtras = {},
): void {
  const auth = route.auth.length === 0 ? {} : { auth: route.auth };
  const options = {
    ...extras,
    schema: fastifySchemaOf(route),
    config: { ...extras.config, ...auth },
  };
  const run = async (request: FastifyRequest, reply: FastifyReply) => {
    reply.status(route.status);
    return handler(request as FastifyRequest<ContractRequestTypes<R>>, reply);
  };
  if (route.method === 'ALL') app.all(route.path, options, run);
  else app.route({ ...options, method: route.method, url: route.path, handler: run });
}
