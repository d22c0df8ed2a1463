import { ConnError, contract } from '@conn/setup-engine';
import type { FastifyPluginAsync } from 'fastify';
import { mountRoute } from '../mount-route';

/**
 * `/mcp` does not do setup: owner and owner-agent bearers are refused with a
 * pointer to the surfaces that do. Grant-scoped read access is out of scope.
 */
export const mcpRoutes: FastifyPluginAsync = async (app) => {
  mountRoute(app, contract.mcp, async () => {
    const intents = contract.createIntent;
    throw new ConnError(
      'mcp_setup_not_supported',
      `The MCP endpoint does not accept owner or owner-agent tokens. Start a setup with ${intents.method} ${intents.path}, in the console, or with \`conn connect <connector>\`.`,
      {
        intents: intents.path,
        console: '/console/',
        cli: 'conn connect <connector>',
      },
    );
  });
};
