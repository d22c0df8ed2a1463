import type { FastifyPluginAsync } from 'fastify';

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>conn</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>conn</h1>
<p>This server is running. The web console is not part of this build yet.</p>
<p>Set up and watch connections with the <code>conn</code> command-line tool (served by this server: <code>npx -y &lt;this server&gt;/cli/conn-cli.tgz login --server &lt;this server&gt;</code>, then <code>conn connectors</code>; <a href="/cli/conn-cli.tgz">download it</a>), or through the REST API described at <a href="/openapi.json">/openapi.json</a>.</p>
</body></html>`;

/**
 * Until the console ships, the console's URLs (the ones intents hand to
 * owners) answer with an honest page instead of a 404.
 */
export const consolePlaceholder: FastifyPluginAsync = async (app) => {
  const send = async (_request: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').send(page);
  app.get('/', async (_request, reply) => reply.redirect('/console/'));
  app.get('/console', send);
  app.get('/console/*', send);
  app.get('/setup/*', send);
  app.get('/connections/*', send);
};
