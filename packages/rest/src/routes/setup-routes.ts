import { contract } from '@conn/setup-engine';
import type { FastifyPluginAsync } from 'fastify';
import { mountRoute } from '../mount-route';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

/** Owner-session only: drafts, credential capture, browser enrollment shells. Agents get 403. */
export function setupRoutes(context: RestContext): FastifyPluginAsync {
  const { services } = context;
  return async (app) => {
    mountRoute(app, contract.createDraft, async (request) =>
      services.createDraft(ownerOf(request).ownerId, request.body),
    );

    mountRoute(app, contract.submitCredential, async (request) =>
      services.captureCredential(ownerOf(request).ownerId, request.params.id, request.body, {
        sameAccount: request.query.same_account ?? null,
      }),
    );

    mountRoute(app, contract.createBrowserShell, async (request) =>
      services.createBrowserShell(ownerOf(request).ownerId, request.params.key, request.body ?? {}),
    );

    mountRoute(app, contract.abandonEnrollment, async (request) =>
      services.abandonEnrollment(ownerOf(request).ownerId, request.params.id),
    );
  };
}
