import './fastify-augment';
import { assertStorableInput, contractVersion, contractVersionHeader } from '@conn/setup-engine';
import fastifyCookie from '@fastify/cookie';
import type { FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { assertClientContract } from './assert-client-contract';
import { assertAllowed, resolvePrincipal } from './auth/authenticate';
import { installErrorHandler } from './error-handler';
import { EventStreamHub } from './events/event-stream-hub';
import type { RestContext } from './rest-context';
import type { ConnRestOptions } from './rest-options';
import { agentTokenRoutes } from './routes/agent-token-routes';
import { catalogRoutes } from './routes/catalog-routes';
import { collectorRoutes } from './routes/collector-routes';
import { connectionRoutes } from './routes/connection-routes';
import { eventRoutes } from './routes/event-routes';
import { intentRoutes } from './routes/intent-routes';
import { mcpRoutes } from './routes/mcp-routes';
import { oauthRoutes } from './routes/oauth-routes';
import { ownerSessionRoutes } from './routes/owner-session-routes';
import { providerAppRoutes } from './routes/provider-app-routes';
import { setupRoutes } from './routes/setup-routes';
import { uploadRoutes } from './routes/upload-routes';
import { webhookRoutes } from './routes/webhook-routes';

/**
 * The conn REST surface as an encapsulated Fastify plugin: mount it in
 * conn-server or in your own Fastify app. Routes, auth and the one error shape
 * stay inside it; the host owns logging, listening, its not-found handler
 * (`installNotFoundHandler` gives it the same error shape) and `trustProxy`:
 * guesses at secrets are limited per `request.ip`, so set it to your proxies'
 * addresses when the server sits behind one.
 *
 * @example
 * const app = Fastify({ logger: true });
 * await app.register(connRest, { services, publicOrigin: 'http://127.0.0.1:7777' });
 */
export const connRest: FastifyPluginAsync<ConnRestOptions> = async (app, options) => {
  const context: RestContext = Object.freeze({
    services: options.services,
    secureCookies: options.publicOrigin.startsWith('https://'),
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(fastifyCookie);

  app.decorateRequest('principal', null);
  // Authentication runs before the body is read, so an anonymous caller learns nothing from validation.
  app.addHook('onRequest', async (request, reply) => {
    reply.header(contractVersionHeader, String(contractVersion));
    assertClientContract(request);
    const allowed = request.routeOptions.config.auth;
    if (allowed === undefined) return;
    request.principal = assertAllowed(await resolvePrincipal(context.services, request), allowed);
  });
  // One rule for every route's input, before its schema or service sees it: no
  // character the store cannot keep, no nesting that would exhaust the stack.
  app.addHook('preValidation', async (request) => {
    // The router's and the query parser's objects have prototypes of their own: copy them plain.
    assertStorableInput({ ...(request.params as object) }, 'path');
    assertStorableInput({ ...(request.query as object) }, 'query');
    assertStorableInput(request.body, 'body');
  });

  await app.register(ownerSessionRoutes(context));
  await app.register(agentTokenRoutes(context));
  await app.register(catalogRoutes(context));
  await app.register(intentRoutes(context));
  await app.register(connectionRoutes(context));
  await app.register(setupRoutes(context));
  await app.register(oauthRoutes(context));
  await app.register(providerAppRoutes(context));
  await app.register(uploadRoutes(context));
  await app.register(collectorRoutes(context));
  await app.register(webhookRoutes(context));
  const hub = new EventStreamHub(options.services, {
    heartbeatMs: options.eventHeartbeatMs ?? 15_000,
  });
  // Streams end before the server waits for open requests, or it would wait forever.
  app.addHook('preClose', async () => hub.close());
  await app.register(eventRoutes(context, hub));
  await app.register(mcpRoutes);
};
