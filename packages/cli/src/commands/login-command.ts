import { Command } from 'commander';
import { examples, type OpenContext } from './open-context';

/**
 * `conn login`: asks the owner password with a hidden prompt (or reads it
 * from stdin with `--password-stdin`) and saves the owner session token for
 * this server in the config dir (mode 0600). The password is never stored.
 *
 * @example
 * program.addCommand(loginCommand(open));
 */
export function loginCommand(open: OpenContext): Command {
  return new Command('login')
    .description('log in as the owner and keep the session on this computer')
    .option('--password-stdin', 'read the owner password from stdin (for scripts)')
    .addHelpText(
      'after',
      examples(
        'conn login',
        'conn login --server https://conn.example.com',
        'printf \'%s\\n\' "$OWNER_PASSWORD" | conn login --password-stdin',
      ),
    )
    .action(async (options: { passwordStdin?: boolean }, command: Command) => {
      const context = open(command);
      const password = await context
        .prompter({ secretStdin: options.passwordStdin === true })
        .password();
      const token = await context.anonymous().login(password);
      await context.sessions.save(context.server, token);
      context.out.line(`Logged in to ${context.server} as the owner.`);
      context.out.line(
        context.out.style(
          'dim',
          `The session is kept in ${context.sessions.path} (only you can read it).`,
        ),
      );
    });
}
