import { renderNextStep } from '@conn/sdk';
import { Command } from 'commander';
import { followFirstSync } from '../follow-first-sync';
import { captureStaticSecret } from '../steps/capture-static-secret';
import { printEnrollment } from '../steps/print-enrollment';
import { examples, type OpenContext } from './open-context';

/**
 * `conn reconnect <id>`: repairs a connection that needs attention or was
 * revoked, on that same connection: a new credential (hidden prompt), a new
 * enrollment code for the device, or the step the server names; then
 * follows the sync back to active.
 *
 * @example
 * program.addCommand(reconnectCommand(open));
 */
export function reconnectCommand(open: OpenContext): Command {
  return new Command('reconnect')
    .description('repair a source that needs attention or was revoked, keeping its records')
    .argument('<connection-id>', 'the connection id')
    .option('--secret-stdin', 'read each secret field from stdin, one line each')
    .addHelpText(
      'after',
      examples(
        'conn reconnect con_01J9Z…',
        'printf \'%s\\n\' "$NEW_TOKEN" | conn reconnect con_01J9Z… --secret-stdin',
      ),
    )
    .action(async (id: string, flags: { secretStdin?: boolean }, command: Command) => {
      const context = open(command);
      const client = await context.client();
      const result = await client.reconnect(id, { signal: context.signal });
      const current = await client.setupStatus(id, { signal: context.signal });
      const plan = await client.plan(current.connector, { signal: context.signal });
      switch (result.next_step.kind) {
        case 'capture_static_secret': {
          const options = {
            unproven: true,
            files: [],
            advanced: false,
            fieldValues: {},
            secretStdin: flags.secretStdin === true,
          };
          await captureStaticSecret(context, plan, options, id);
          const owner = await context.ownerClient();
          await followFirstSync(context, owner, id, { waiting: 'Sync' });
          return;
        }
        case 'enroll_local_collector':
          printEnrollment(context.out, plan, result.next_step);
          await followFirstSync(context, client, id, {
            waiting: 'Waiting for the device to enroll again and send records',
          });
          return;
        default:
          context.out.line(renderNextStep(result));
      }
    });
}
