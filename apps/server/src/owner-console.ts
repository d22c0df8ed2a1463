import { existsSync } from 'node:fs';
import { consoleBasePath, legacyConsolePrefixes } from '@conn/setup-engine';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { bundledAsset } from './bundled-asset';
import { setConsoleSecurityHeaders } from './console-security-headers';

/** The static app this server serves: `@conn/console`'s build, bundled into `dist/console/`. */
export const consoleDistDir = bundledAsset('console/', '@conn/console', 'dist/');

/** Vite names every built asset by its content hash: safe to cache for a year. */
const hashedAssets = `${consoleBasePath}/assets/`;
const immutable = 'public, max-age=31536000, immutable';

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>conn</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>conn</h1>
<p>This server is running, but it was built without its web console. The operator rebuilds the server and restarts it.</p>
<p>Meanwhile the <a href="/cli/conn-cli.tgz">conn command-line tool</a> served by this server sets up and watches connections.</p>
</body></html>`;

/**
 * The owner console at `/console/`: the built single-page app, with hashed
 * assets cached for good, `index.html` revalidated on every load and served
 * for every console page (the app routes in the browser), a strict
 * Content-Security-Policy on every console response, and permanent redirects
 * from the root paths console links once used.
 */
export const ownerConsole: FastifyPluginAsync<{ distDir?: string }> = async (app, options) => {
  const root = options.distDir ?? consoleDistDir;
  const built = existsSync(`${root}/index.html`);

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url === consoleBasePath || request.url.startsWith(`${consoleBasePath}/`)) {
      setConsoleSecurityHeaders(reply);
    }
    return payload;
  });

  const sendIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!built) return reply.type('text/html; charset=utf-8').send(notBuiltPage);
    // A missing hashed asset is a 404, never the app's page under a script's name.
    if (request.url.startsWith(hashedAssets)) return reply.callNotFound();
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', root);
  };

  if (built) {
    await app.register(fastifyStatic, {
      root,
      prefix: `${consoleBasePath}/`,
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header(
          'cache-control',
          path.includes('/assets/') && !path.endsWith('.html') ? immutable : 'no-cache',
        );
      },
    });
  }

  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply.redirect(`${consoleBasePath}/`),
  );
  app.get(consoleBasePath, { schema: { hide: true } }, async (_request, reply) =>
    reply.redirect(`${consoleBasePath}/`),
  );
  app.get(`${consoleBasePath}/`, { schema: { hide: true } }, sendIndex);
  app.get(`${consoleBasePath}/*`, { schema: { hide: true } }, sendIndex);
  for (const prefix of legacyConsolePrefixes) {
    app.get(`${prefix}*`, { schema: { hide: true } }, async (request, reply) =>
      reply.redirect(`${consoleBasePath}${request.url}`, 308),
    );
  }
};
