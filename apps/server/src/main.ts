#!/usr/bin/env node
import { ResetPasswordError, resetOwnerPasswordCommand } from './reset-owner-password-command';
import { ServerConfigError } from './server-config';
import { startServer } from './start-server';

const usage = `Usage:
  conn-server                          start the server
  conn-server reset-password           set a new one-time owner password and print it here
  conn-server reset-password --stdin   set the owner password read from stdin
`;

/** All of stdin as text, without the line break a shell adds. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function serve(): Promise<void> {
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
}

async function resetPassword(flags: string[]): Promise<void> {
  const unknown = flags.filter((flag) => flag !== '--stdin');
  if (unknown.length > 0) {
    process.stderr.write(`conn-server reset-password: unknown option ${unknown[0]}\n${usage}`);
    process.exit(2);
  }
  await resetOwnerPasswordCommand({
    env: process.env,
    password: flags.includes('--stdin') ? await readStdin() : null,
    print: (text) => process.stdout.write(text),
  });
}

const [command, ...flags] = process.argv.slice(2);
try {
  if (command === undefined) await serve();
  else if (command === 'reset-password') await resetPassword(flags);
  else if (command === '--help' || command === 'help') process.stdout.write(usage);
  else {
    process.stderr.write(`conn-server: unknown command ${command}\n${usage}`);
    process.exit(2);
  }
} catch (error) {
  if (error instanceof ServerConfigError || error instanceof ResetPasswordError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    const { name, message } = error as Error;
    process.stderr.write(`conn-server cannot start: ${name}: ${message}\n`);
  }
  process.exit(1);
}
