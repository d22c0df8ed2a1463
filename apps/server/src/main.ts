#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { backupCommand } from './commands/backup-command';
import { doctorCommand } from './commands/doctor-command';
import { OperatorCommandError } from './commands/operator-command-error';
import {
  ResetPasswordError,
  resetOwnerPasswordCommand,
} from './commands/reset-owner-password-command';
import { restoreCommand } from './commands/restore-command';
import { rotateKeyCommand } from './commands/rotate-key-command';
import { ServerConfigError } from './server-config';
import { startServer } from './start-server';

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

const print = (text: string) => process.stdout.write(text);
/** With `--json` the report is the only output; otherwise the readable lines are. */
const printer = (json: boolean | undefined) => (json ? () => {} : print);
const printJson = (json: boolean | undefined, report: unknown) => {
  if (json) print(`${JSON.stringify(report, null, 2)}\n`);
};

const program = new Command('conn-server')
  .description(
    'The conn server: REST, the owner console and background work in one process.\n' +
      'Every command reads the same CONN_* settings as the server (see its README).',
  )
  .version(packageJson.version, '-v, --version')
  .exitOverride()
  .showHelpAfterError();

program
  .command('start', { isDefault: true })
  .description('start the server (what conn-server does without a command)')
  .action(serve);

program
  .command('reset-password')
  .description('set a new one-time owner password and print it here, once')
  .option('--stdin', 'set the owner password read from stdin instead')
  .action(async (options: { stdin?: boolean }) => {
    await resetOwnerPasswordCommand({
      env: process.env,
      password: options.stdin ? await readStdin() : null,
      print,
    });
  });

program
  .command('rotate-key')
  .description('seal every stored credential under a new key, then retire the old key')
  .option('--json', 'print a JSON report instead of lines')
  .action(async (options: { json?: boolean }) => {
    printJson(
      options.json,
      await rotateKeyCommand({ env: process.env, print: printer(options.json) }),
    );
  });

program
  .command('backup')
  .description('copy the SQLite database to <file> while the server runs (PostgreSQL: pg_dump)')
  .argument('<file>', 'where to write the backup')
  .option('--with-key', 'also copy the credential key file to <file>.key')
  .option('--force', 'replace <file> if it exists')
  .option('--json', 'print a JSON report instead of lines')
  .action(async (file: string, options: { withKey?: boolean; force?: boolean; json?: boolean }) => {
    printJson(
      options.json,
      await backupCommand({
        env: process.env,
        file,
        withKey: options.withKey ?? false,
        force: options.force ?? false,
        print: printer(options.json),
      }),
    );
  });

program
  .command('restore')
  .description("put a backup (and its <file>.key) in place as this data directory's database")
  .argument('<file>', 'a file written by conn-server backup')
  .option('--force', 'replace the database and key already in the data directory')
  .option('--json', 'print a JSON report instead of lines')
  .action(async (file: string, options: { force?: boolean; json?: boolean }) => {
    printJson(
      options.json,
      await restoreCommand({
        env: process.env,
        file,
        force: options.force ?? false,
        print: printer(options.json),
      }),
    );
  });

program
  .command('doctor')
  .description('check the settings, database, credential key, disk and public origin')
  .option('--json', 'print a JSON report instead of lines')
  .action(async (options: { json?: boolean }) => {
    const report = await doctorCommand({ env: process.env });
    if (options.json) printJson(true, report);
    else {
      for (const { check, status, detail } of report.checks) {
        print(`${status.padEnd(7)} ${check.replace('_', ' ').padEnd(14)} ${detail}\n`);
      }
    }
    if (!report.ok) process.exitCode = 1;
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version end here on purpose; a usage mistake is exit code 2.
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  if (
    error instanceof ServerConfigError ||
    error instanceof ResetPasswordError ||
    error instanceof OperatorCommandError
  ) {
    process.stderr.write(`${error.message}\n`);
  } else {
    const { name, message } = error as Error;
    const command = program.args[0];
    const failed =
      command === undefined || command === 'start'
        ? 'conn-server cannot start'
        : `conn-server ${command} failed`;
    process.stderr.write(`${failed}: ${name}: ${message}\n`);
  }
  process.exit(1);
}
