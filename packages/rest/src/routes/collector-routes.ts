import { IngestRequestSchema, ProgressRequestSchema } from '@conn/services';
import {
  CollectorEnrollmentSchema,
  IngestResultSchema,
  RunSummarySchema,
} from '@conn/setup-engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/principal';
import { collectorOf } from '../request-principal';
import type { RestContext } from '../rest-context';

const EnrollBody = z.strictObject({
  code: z.string().min(1).max(64),
  device_name: z.string().trim().min(1).max(100),
});

const RunParams = z.strictObject({ id: z.string().min(1).max(64) });

const FinishBody = z.strictObject({
  status: z.enum(['succeeded', 'failed']),
  error_code: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,63}$/)
    .optional(),
});

/** Collector enrollment (a one-time code), runs and ingest (a collector token). */
export function collectorRoutes(context: RestContext): FastifyPluginAsyncZod {
  const { services } = context;
  return async (app) => {
    app.post(
      '/v1/collector/enroll',
      {
        schema: { body: EnrollBody, response: { 201: CollectorEnrollmentSchema } },
        config: { rateLimit: { max: context.limits.enrollPerMinute, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const enrollment = await services.exchangeEnrollmentCode(
          request.body.code,
          request.body.device_name,
        );
        return reply.status(201).send({
          collector_token: enrollment.collector_token,
          connection_id: enrollment.connection_id,
          connector: enrollment.connector,
          run_id: enrollment.run_id,
        });
      },
    );

    app.post(
      '/v1/collector/records',
      {
        config: { auth: ['collector'] },
        bodyLimit: 16 * 1024 * 1024,
        schema: {
          body: IngestRequestSchema.extend({ run_id: z.string().min(1).max(64).optional() }),
          response: { 200: IngestResultSchema },
        },
      },
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
    );

    app.post(
      '/v1/collector/runs/:id/progress',
      {
        config: { auth: ['collector'] },
        schema: {
          params: z.strictObject({ id: z.string().min(1).max(64) }),
          body: ProgressRequestSchema,
        },
      },
      async (request, reply) => {
        const collector = collectorOf(request);
        await services.reportProgress(request.params.id, request.body, {
          connectionId: collector.connectionId,
        });
        return reply.status(204).send();
      },
    );

    app.post(
      '/v1/collector/runs',
      { config: { auth: ['collector'] }, schema: { response: { 201: RunSummarySchema } } },
      async (request, reply) => {
        const collector = collectorOf(request);
        const run = await services.openCollectorRun({
          connectionId: collector.connectionId,
          tokenId: collector.tokenId,
        });
        return reply.status(201).send(run);
      },
    );

    app.post(
      '/v1/collector/runs/:id/finish',
      {
        config: { auth: ['collector'] },
        schema: { params: RunParams, body: FinishBody, response: { 200: RunSummarySchema } },
      },
      async (request) => {
        const collector = collectorOf(request);
        const { status, error_code } = request.body;
        return services.finishRun(
          request.params.id,
          { status, ...(error_code === undefined ? {} : { errorCode: error_code }) },
          { connectionId: collector.connectionId },
          actorOf(collector),
        );
      },
    );
  };
}
