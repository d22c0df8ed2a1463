import { contract } from '@conn/setup-engine';
import type { FastifyPluginAsync } from 'fastify';
import { actorOf } from '../auth/principal';
import { mountRoute } from '../mount-route';
import { collectorOf } from '../request-principal';
import type { RestContext } from '../rest-context';

/** Collector enrollment (a one-time code), runs, heartbeats and ingest (a collector token). */
export function collectorRoutes(context: RestContext): FastifyPluginAsync {
  const { services } = context;
  return async (app) => {
    mountRoute(app, contract.enrollCollector, async (request) => {
      const enrollment = await services.exchangeEnrollmentCode(
        request.body.code,
        request.body.device_name,
        request.ip,
      );
      return {
        collector_token: enrollment.collector_token,
        connection_id: enrollment.connection_id,
        connector: enrollment.connector,
        run_id: enrollment.run_id,
      };
    });

    mountRoute(
      app,
      contract.ingestRecords,
      async (request) => {
        const collector = collectorOf(request);
        return services.ingestRecords(
          {
            connectionId: collector.connectionId,
            runId: request.body.run_id ?? null,
            stream: request.body.stream,
            records: request.body.records,
          },
          actorOf(collector),
        );
      },
      { bodyLimit: 16 * 1024 * 1024 },
    );

    mountRoute(app, contract.reportRunProgress, async (request, reply) => {
      const collector = collectorOf(request);
      await services.reportProgress(request.params.id, request.body, {
        connectionId: collector.connectionId,
      });
      return reply.send();
    });

    mountRoute(app, contract.openCollectorRun, async (request) => {
      const collector = collectorOf(request);
      return services.openCollectorRun({
        connectionId: collector.connectionId,
        tokenId: collector.tokenId,
      });
    });

    mountRoute(app, contract.collectorHeartbeat, async (request) => {
      const collector = collectorOf(request);
      return services.recordHeartbeat({
        connectionId: collector.connectionId,
        tokenId: collector.tokenId,
      });
    });

    mountRoute(app, contract.finishCollectorRun, async (request) => {
      const collector = collectorOf(request);
      const { status, error_code } = request.body;
      return services.finishRun(
        request.params.id,
        { status, ...(error_code === undefined ? {} : { errorCode: error_code }) },
        { connectionId: collector.connectionId },
        actorOf(collector),
      );
    });
  };
}
