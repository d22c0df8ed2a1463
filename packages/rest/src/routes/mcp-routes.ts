import { ConnError } from '@conn/setup-engine';
import type { FastifyPluginAsync } from 'fastify';

/**
 * `/mcp` does not do setup: owner and owner-agent bearers are refused with a
 * pointer to the surfaces that do. Grant-scoped read access is out of scope.
 */
export const mcpRoutes: FastifyPluginAsync = async (app) => {
  app.all('/mcp', async () => {
    throw new ConnError(
      'mcp_setup_not_supported',
      'The MCP endpoint does not accept owner or owner-agent tokens. Start a setup with POST /v1/owner/connections/intents, in the console, or with `conn connect <connector>`.',
      {
        intents: '/v1/owner/connections/intents',
        console: '/console/',
        cli: 'conn connect <connector>',
      },
    );
  });
};
