import { ProviderAppListSchema, ProviderAppRequestSchema, ProviderAppSchema } from '@conn/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/principal';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

const GroupParams = z.strictObject({
  group: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{0,63}$/,
      'a provider app group is lowercase letters, digits and hyphens',
    ),
});

/**
 * Instance-level provider OAuth apps, owner session only (the operator's
 * console): store one (its client secret sealed, never returned) and list
 * them with non-secret metadata.
 */
export function providerAppRoutes(context: RestContext): FastifyPluginAsyncZod {
  const { services } = context;
  return async (app) => {
    const auth = { auth: ['owner'] as const };

    app.put(
      '/v1/owner/deployment/provider-apps/:group',
      {
        config: auth,
        schema: {
          params: GroupParams,
          body: ProviderAppRequestSchema,
          response: { 200: ProviderAppSchema },
        },
      },
      async (request) => {
        const owner = ownerOf(request);
        return services.saveProviderApp(
          owner.ownerId,
          request.params.group,
          request.body,
          actorOf(owner),
        );
      },
    );

    app.get(
      '/v1/owner/deployment/provider-apps',
      { config: auth, schema: { response: { 200: ProviderAppListSchema } } },
      async () => services.listProviderApps(),
    );
  };
}
