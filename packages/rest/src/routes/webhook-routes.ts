import { contract } from '@conn/setup-engine';
import type { FastifyPluginAsync } from 'fastify';
import { mountRoute } from '../mount-route';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

/** Webhooks and their delivery log: the owner session only (agent tokens get `owner_session_required`). */
export function webhookRoutes(context: RestContext): FastifyPluginAsync {
  const { services } = context;
  return async (app) => {
    mountRoute(app, contract.createWebhook, async (request) =>
      services.createWebhook(ownerOf(request).ownerId, {
        url: request.body.url,
        event_types: request.body.event_types,
        ...(request.body.description === undefined
          ? {}
          : { description: request.body.description }),
      }),
    );

    mountRoute(app, contract.listWebhooks, async (request) => ({
      webhooks: await services.listWebhooks(ownerOf(request).ownerId),
    }));

    mountRoute(app, contract.deleteWebhook, async (request) => ({
      webhook: await services.deleteWebhook(ownerOf(request).ownerId, request.params.id),
    }));

    mountRoute(app, contract.listWebhookDeliveries, async (request) => ({
      deliveries: await services.listWebhookDeliveries(
        ownerOf(request).ownerId,
        request.params.id,
        { limit: request.query.limit },
      ),
    }));

    mountRoute(app, contract.redeliverWebhookDelivery, async (request) => ({
      delivery: await services.redeliverWebhookDelivery(
        ownerOf(request).ownerId,
        request.params.id,
        request.params.delivery_id,
      ),
    }));
  };
}
