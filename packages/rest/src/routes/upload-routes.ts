import { Readable } from 'node:stream';
import { ImportRequestSchema } from '@conn/services';
import { ArtifactViewSchema, ConnError, SetupStatusSchema } from '@conn/setup-engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/principal';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

const UploadQuery = z.strictObject({ connector: z.string().min(1).max(64) });
const UploadHeaders = z.looseObject({
  'x-conn-file-name': z.string().max(2048).optional(),
  'content-length': z
    .string()
    .regex(/^\d{1,16}$/)
    .optional(),
});
const ArtifactParams = z.strictObject({ id: z.string().min(1).max(64) });

function isOctetStream(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/octet-stream';
}

/**
 * Uploads: the raw export file as the body of `POST /v1/owner/uploads`
 * (owner session only), the artifact's status and validation
 * (`GET /v1/owner/uploads/:id`, owner or owner agent), and the import of
 * staged files into one source (`POST /v1/owner/uploads/import`, owner only).
 *
 * The body is never buffered: this plugin's own `application/octet-stream`
 * parser hands the request stream through unread, and the service streams it
 * to disk. Checks that can refuse the upload (auth, connector, size declared
 * in Content-Length) run before a byte is read; a refused body that was still
 * arriving gets `Connection: close`, so the rest of it is not read either.
 */
export function uploadRoutes(context: RestContext): FastifyPluginAsyncZod {
  const { services } = context;
  return async (app) => {
    app.addContentTypeParser('application/octet-stream', (_request, payload, done) => {
      done(null, payload);
    });

    app.post(
      '/v1/owner/uploads',
      {
        config: { auth: ['owner'] as const },
        // After auth, before any parser could buffer the body: only a raw body is an upload.
        onRequest: async (request, reply) => {
          const type = request.headers['content-type'];
          const hasBody =
            request.headers['transfer-encoding'] !== undefined ||
            (request.headers['content-length'] ?? '0') !== '0';
          if (hasBody && !isOctetStream(type)) {
            reply.header('connection', 'close');
            throw new ConnError(
              'invalid_request',
              'Send the file itself as the body, with Content-Type: application/octet-stream.',
            );
          }
        },
        schema: {
          querystring: UploadQuery,
          headers: UploadHeaders,
          response: { 201: ArtifactViewSchema },
        },
      },
      async (request, reply) => {
        const owner = ownerOf(request);
        const body = request.body instanceof Readable ? request.body : Readable.from([]);
        const declared = request.headers['content-length'];
        try {
          const artifact = await services.receiveUpload(
            owner.ownerId,
            {
              connector: request.query.connector,
              fileNameHeader: request.headers['x-conn-file-name'],
              declaredBytes: declared === undefined ? null : Number(declared),
              body,
            },
            actorOf(owner),
          );
          return reply.status(201).send(artifact);
        } catch (error) {
          if (!body.readableEnded) reply.header('connection', 'close');
          throw error;
        }
      },
    );

    app.get(
      '/v1/owner/uploads/:id',
      {
        config: { auth: ['owner', 'agent'] as const },
        schema: { params: ArtifactParams, response: { 200: ArtifactViewSchema } },
      },
      async (request) => services.getArtifact(ownerOf(request).ownerId, request.params.id),
    );

    app.post(
      '/v1/owner/uploads/import',
      {
        config: { auth: ['owner'] as const },
        schema: { body: ImportRequestSchema, response: { 202: SetupStatusSchema } },
      },
      async (request, reply) => {
        const owner = ownerOf(request);
        const status = await services.importArtifacts(owner.ownerId, request.body, actorOf(owner));
        return reply.status(202).send(status);
      },
    );
  };
}
