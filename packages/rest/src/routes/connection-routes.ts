import {
  ConnectionPageSchema,
  ReconnectResultSchema,
  RecordPageSchema,
  SetupStatusSchema,
} from '@conn/setup-engine';
import { listRecords } from '@conn/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/principal';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

const ConnectionParams = z.strictObject({ id: z.string().min(1).max(64) });

const ListQuery = z.strictObject({
  include: z.enum(['pending']).optional(),
  cursor: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

const RecordsQuery = z.strictObject({
  stream: z.string().min(1).max(64).optional(),
  cursor: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** Connections, their setup status and records, revoke and reconnect: owner sessions and owner agents. */
export function connectionRoutes(context: RestContext): FastifyPluginAsyncZod {
  const { services } = context;
  return async (app) => {
    const auth = { auth: ['owner', 'agent'] as const };

    app.get(
      '/v1/owner/connections',
      { config: auth, schema: { querystring: ListQuery, response: { 200: ConnectionPageSchema } } },
      async (request) => {
        const { include, cursor, limit } = request.query;
        return services.listConnections(ownerOf(request).ownerId, {
          includePending: include === 'pending',
          cursor: cursor ?? null,
          ...(limit === undefined ? {} : { limit }),
        });
      },
    );

    app.get(
      '/v1/owner/connections/:id/setup-status',
      { config: auth, schema: { params: ConnectionParams, response: { 200: SetupStatusSchema } } },
      async (request) => services.getSetupStatus(ownerOf(request).ownerId, request.params.id),
    );

    app.post(
      '/v1/owner/connections/:id/revoke',
      { config: auth, schema: { params: ConnectionParams, response: { 200: SetupStatusSchema } } },
      async (request) => {
        const owner = ownerOf(request);
        return services.revoke(owner.ownerId, request.params.id, actorOf(owner));
      },
    );

    app.post(
      '/v1/owner/connections/:id/reconnect',
      {
        config: auth,
        schema: { params: ConnectionParams, response: { 200: ReconnectResultSchema } },
      },
      async (request) => {
        const owner = ownerOf(request);
        return services.reconnect(owner.ownerId, request.params.id, actorOf(owner));
      },
    );

    app.get(
      '/v1/owner/connections/:id/records',
      {
        config: auth,
        schema: {
          params: ConnectionParams,
          querystring: RecordsQuery,
          response: { 200: RecordPageSchema },
        },
      },
      async (request) => {
        // Resolves the connection for this owner first: another owner's id is "not found".
        const status = await services.getSetupStatus(ownerOf(request).ownerId, request.params.id);
        const { stream, cursor, limit } = request.query;
        const page = await listRecords(context.store.db, status.connection_id, {
          ...(stream === undefined ? {} : { stream }),
          ...(cursor === undefined ? {} : { cursor }),
          limit: limit ?? 100,
        });
        return {
          items: page.records.map((item) => ({
            stream: item.stream,
            key: item.record_key,
            data: item.data,
            created_at: item.created_at,
            updated_at: item.updated_at,
          })),
          next_cursor: page.nextCursor,
        };
      },
    );
  };
}
