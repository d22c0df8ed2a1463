import { Command, Option } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { CliContext, type CliIo, defaultServer } from './cli-context';
import { catalogCommands } from './commands/catalog-commands';
import { collectorCommand } from './commands/collector-command';
import { connectCommand } from './commands/connect-command';
import { connectionCommands } from './commands/connection-commands';
import { dataCommands } from './commands/data-commands';
import { deploymentCommand } from './commands/deployment-command';
import { eventsCommand } from './commands/events-command';
import { loginCommand } from './commands/login-command';
import { logoutCommand } from './commands/logout-command';
import { examples } from './commands/open-context';
import { reconnectCommand } from './commands/reconnect-command';
import { tokensCommand } from './commands/tokens-command';
import { uploadsCommand } from './commands/uploads-command';

/**
 * The `conn` program: every command, `--server` for all of them, output on
 * the given streams. Commander is told not to exit: `runCli` turns its
 * errors into exit codes. Each command that runs opens its `CliContext`
 * through `contexts`, so the caller can interrupt and close it.
 *
 * @example
 * const contexts: CliContext[] = [];
 * await createProgram(io, contexts).parseAsync(['node', 'conn', 'plan', connectorKey]);
 */
export function createProgram(io: CliIo, contexts: CliContext[]): Command {
  const open = (command: Command): CliContext => {
    const context = new CliContext(io, {
      server: command.optsWithGlobals<{ server?: string }>().server,
    });
    contexts.push(context);
    return context;
  };
  const program = new Command('conn')
    .description('Connect your accounts and exports to your conn server, from the terminal.')
    .version(packageJson.version, '-v, --version')
    .addOption(
      new Option('--server <url>', `the conn server (default: CONN_SERVER, else ${defaultServer})`),
    )
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander's own errors (unknown option, missing argument) stay on one line too.
      outputError: (text, write) => write(`${text.trim().replace(/\s*\n\s*/g, ' ')}\n`),
    })
    .exitOverride()
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `\nThe owner-agent token comes from CONN_TOKEN; otherwise the owner session saved by \`conn login\` is used.\n${examples(
        'conn login',
        'conn connectors',
        'conn connect <connector> --unproven',
        'conn status con_01J9Z… --watch',
      )}`,
    );
  program.addCommand(loginCommand(open));
  program.addCommand(logoutCommand(open));
  for (const command of catalogCommands(open)) program.addCommand(command);
  program.addCommand(connectCommand(open));
  for (const command of connectionCommands(open)) program.addCommand(command);
  for (const command of dataCommands(open)) program.addCommand(command);
  program.addCommand(reconnectCommand(open));
  program.addCommand(eventsCommand(open));
  program.addCommand(tokensCommand(open));
  program.addCommand(uploadsCommand(open));
  program.addCommand(collectorCommand(open));
  program.addCommand(deploymentCommand(open));
  inheritSettings(program);
  return program;
}

/** `addCommand` does not pass output and exit settings down (`.command()` does): copy them to every level. */
function inheritSettings(parent: Command): void {
  for (const child of parent.commands) {
    child.copyInheritedSettings(parent);
    inheritSettings(child);
  }
}
