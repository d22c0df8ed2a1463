import { Readable } from 'node:stream';
import { ConnError, contract } from '@conn/setup-engine';
import type { FastifyPluginAsync } from 'fastify';
import { actorOf } from '../auth/principal';
import { mountRoute } from '../mount-route';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

function isOctetStream(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/octet-stream';
}

/**
 * Uploads: the raw export file as the body of `POST /v1/owner/uploads`
 * (owner session only), the owner's recent uploads (`GET /v1/owner/uploads`)
 * and one artifact's status and validation (`GET /v1/owner/uploads/:id`),
 * both owner or owner agent, and the import of
 * staged files into one source (`POST /v1/owner/uploads/import`, owner only).
 *
 * The body is never buffered: this plugin's own `application/octet-stream`
 * parser hands the request stream through unread, and the service streams it
 * to disk. Checks that can refuse the upload (auth, connector, size declared
 * in Content-Length) run before a byte is read; a refused body that was still
 * arriving gets `Connection: close`, so the rest of it is not read either.
 */
export function uploadRoutes(context: RestContext): FastifyPluginAsync {
  const { services } = context;
  return async (app) => {
    app.addContentTypeParser('application/octet-stream', (_request, payload, done) => {
      done(null, payload);
    });

    mountRoute(
      app,
      contract.uploadArtifact,
      async (request, reply) => {
        const owner = ownerOf(request);
        const raw: unknown = request.body;
        const body = raw instanceof Readable ? raw : Readable.from([]);
        const declared = request.headers['content-length'];
        try {
          return await services.receiveUpload(
            owner.ownerId,
            {
              connector: request.query.connector,
              fileNameHeader: request.headers['x-conn-file-name'],
              declaredBytes: declared === undefined ? null : Number(declared),
              body,
            },
            actorOf(owner),
          );
        } catch (error) {
          if (!body.readableEnded) reply.header('connection', 'close');
          throw error;
        }
      },
      {
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
      },
    );

    mountRoute(app, contract.listArtifacts, async (request) => ({
      uploads: await services.listArtifacts(ownerOf(request).ownerId, {
        ...(request.query.limit === undefined ? {} : { limit: request.query.limit }),
      }),
    }));

    mountRoute(app, contract.getArtifact, async (request) =>
      services.getArtifact(ownerOf(request).ownerId, request.params.id),
    );

    mountRoute(app, contract.importArtifacts, async (request) => {
      const owner = ownerOf(request);
      return services.importArtifacts(owner.ownerId, request.body, actorOf(owner));
    });
  };
}
