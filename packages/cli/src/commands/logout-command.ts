import { ConnApiError } from '@conn/sdk';
import { Command } from 'commander';
import { examples, type OpenContext } from './open-context';

/**
 * `conn logout`: ends the saved owner session on the server and forgets it here.
 *
 * @example
 * program.addCommand(logoutCommand(open));
 */
export function logoutCommand(open: OpenContext): Command {
  return new Command('logout')
    .description('end the owner session and remove it from this computer')
    .addHelpText('after', examples('conn logout'))
    .action(async (_options: unknown, command: Command) => {
      const context = open(command);
      const token = await context.sessions.token(context.server);
      if (token === null) {
        context.out.line(`Not logged in to ${context.server}.`);
        return;
      }
      try {
        await context.anonymous().withToken(token).logout();
      } catch (error) {
        // An expired or revoked session is already over on the server: forgetting it is all that is left.
        if (!(error instanceof ConnApiError && error.code === 'unauthenticated')) {
          await context.sessions.forget(context.server);
          throw error;
        }
      }
      await context.sessions.forget(context.server);
      context.out.line(`Logged out of ${context.server}.`);
    });
}
