import { createReadStream, statSync } from 'node:fs';
import { sendError } from '@conn/rest';
import { ConnError, servedCliPath } from '@conn/setup-engine';
import type { FastifyPluginAsync } from 'fastify';
import { bundledAsset } from './bundled-asset';

/** The tarball this server serves: `@conn/cli`'s build, bundled into `dist/cli/`. */
export const servedCliFile = bundledAsset(
  'cli/conn-cli.tgz',
  '@conn/cli',
  'dist-served/conn-cli.tgz',
);

/**
 * `GET /cli/conn-cli.tgz`: the `conn` CLI of this server's version as an
 * npm-installable tarball with every dependency bundled, so each command
 * quoted to an owner works on a fresh device with only Node and npm.
 */
export const servedCli: FastifyPluginAsync = async (app) => {
  app.get(servedCliPath, { schema: { hide: true } }, async (_request, reply) => {
    let size: number;
    try {
      size = statSync(servedCliFile).size;
    } catch {
      return sendError(
        reply,
        new ConnError(
          'served_cli_unavailable',
          'This server was built without its command-line tool. The operator rebuilds it (pnpm build) and restarts the server.',
        ),
      );
    }
    return reply
      .type('application/gzip')
      .header('content-length', String(size))
      .header('cache-control', 'no-cache')
      .header('content-disposition', 'attachment; filename="conn-cli.tgz"')
      .send(createReadStream(servedCliFile));
  });
};
