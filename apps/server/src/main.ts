#!/usr/bin/env node
import { ServerConfigError } from './server-config';
import { startServer } from './start-server';

try {
  const server = await startServer({ env: process.env });
  const shutdown = (signal: string) => {
    server.app.log.info({ signal }, 'shutting down');
    // A last resort: whatever still holds the process after the grace does not keep it alive.
    setTimeout(() => process.exit(1), server.config.recovery.shutdownGraceMs + 5_000).unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  if (error instanceof ServerConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    const { name, message } = error as Error;
    process.stderr.write(`conn-server cannot start: ${name}: ${message}\n`);
  }
  process.exit(1);
}
