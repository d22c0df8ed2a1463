import { createServer } from 'node:net';

/**
 * Asks the OS for a free TCP port on `host`. Used when CONN_PORT is 0, so the
 * server knows its public origin (console links, redirect URIs) before it
 * mounts its routes.
 */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ host, port: 0 }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
