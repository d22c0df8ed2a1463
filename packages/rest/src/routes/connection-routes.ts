import { contract } from '@conn/setup-engine';
import type { FastifyPluginAsync } from 'fastify';
import { actorOf } from '../auth/principal';
import { mountRoute } from '../mount-route';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

/** Connections, their setup status, records, runs, stream counts and devices, revoke, reconnect, cancel and (owner session only) delete and undo. */
export function connectionRoutes(context: RestContext): FastifyPluginAsync {
  const { services } = context;
  return async (app) => {
    mountRoute(app, contract.listConnections, async (request) => {
      const { include, cursor, limit } = request.query;
      return services.listConnections(ownerOf(request).ownerId, {
        includePending: include === 'pending',
        cursor: cursor ?? null,
        ...(limit === undefined ? {} : { limit }),
      });
    });

    mountRoute(app, contract.getSetupStatus, async (request) =>
      services.getSetupStatus(ownerOf(request).ownerId, request.params.id),
    );

    mountRoute(app, contract.revokeConnection, async (request) => {
      const owner = ownerOf(request);
      return services.revoke(owner.ownerId, request.params.id, actorOf(owner));
    });

    mountRoute(app, contract.reconnectConnection, async (request) => {
      const owner = ownerOf(request);
      return services.reconnect(owner.ownerId, request.params.id, actorOf(owner));
    });

    mountRoute(app, contract.syncConnection, async (request) => {
      const owner = ownerOf(request);
      return services.syncNow(owner.ownerId, request.params.id, actorOf(owner));
    });

    mountRoute(app, contract.cancelRun, async (request) => {
      const owner = ownerOf(request);
      return services.cancelRun(
        owner.ownerId,
        request.params.id,
        request.params.run_id,
        actorOf(owner),
      );
    });

    // Owner session only (the contract's auth): an agent token cannot destroy the owner's data.
    mountRoute(app, contract.deleteConnection, async (request) => {
      const owner = ownerOf(request);
      return services.deleteConnection(
        owner.ownerId,
        request.params.id,
        request.query.confirm,
        actorOf(owner),
      );
    });

    mountRoute(app, contract.undoImport, async (request) => {
      const owner = ownerOf(request);
      return services.undoImport(
        owner.ownerId,
        request.params.id,
        request.params.run_id,
        actorOf(owner),
      );
    });

    mountRoute(app, contract.listDevices, async (request) =>
      services.listDevices(ownerOf(request).ownerId, request.params.id),
    );

    mountRoute(app, contract.revokeDevice, async (request) => {
      const owner = ownerOf(request);
      return services.revokeDevice(
        owner.ownerId,
        request.params.id,
        request.params.device_id,
        actorOf(owner),
      );
    });

    mountRoute(app, contract.listRecords, async (request) =>
      services.listRecords(ownerOf(request).ownerId, request.params.id, request.query),
    );

    mountRoute(app, contract.listRuns, async (request) =>
      services.listRuns(ownerOf(request).ownerId, request.params.id, request.query),
    );

    mountRoute(app, contract.countStreamRecords, async (request) =>
      services.countStreamRecords(ownerOf(request).ownerId, request.params.id),
    );
  };
}
