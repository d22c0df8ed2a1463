import { BrowserShellRequestSchema, DraftRequestSchema } from '@conn/services';
import { SetupStatusSchema } from '@conn/setup-engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

const ConnectionParams = z.strictObject({ id: z.string().min(1).max(64) });
const KeyParams = z.strictObject({ key: z.string().min(1).max(64) });

// Secret field names come from the connector's manifest; the service checks them.
const CredentialBody = z.record(z.string().min(1).max(64), z.string().max(16_384));

/** Owner-session only: drafts, credential capture, browser enrollment shells. Agents get 403. */
export function setupRoutes(context: RestContext): FastifyPluginAsyncZod {
  const { services } = context;
  return async (app) => {
    const auth = { auth: ['owner'] as const };

    app.post(
      '/v1/owner/connections/drafts',
      { config: auth, schema: { body: DraftRequestSchema, response: { 201: SetupStatusSchema } } },
      async (request, reply) =>
        reply.status(201).send(await services.createDraft(ownerOf(request).ownerId, request.body)),
    );

    app.put(
      '/v1/owner/connections/:id/credential',
      {
        config: auth,
        schema: {
          params: ConnectionParams,
          body: CredentialBody,
          response: { 200: SetupStatusSchema },
        },
      },
      async (request) =>
        services.captureCredential(ownerOf(request).ownerId, request.params.id, request.body),
    );

    app.post(
      '/v1/owner/connectors/:key/browser-enrollment-shell',
      {
        config: auth,
        schema: {
          params: KeyParams,
          body: BrowserShellRequestSchema.optional(),
          response: { 201: SetupStatusSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await services.createBrowserShell(
              ownerOf(request).ownerId,
              request.params.key,
              request.body ?? {},
            ),
          ),
    );

    app.post(
      '/v1/owner/connections/:id/abandon-enrollment',
      { config: auth, schema: { params: ConnectionParams, response: { 200: SetupStatusSchema } } },
      async (request) => services.abandonEnrollment(ownerOf(request).ownerId, request.params.id),
    );
  };
}
