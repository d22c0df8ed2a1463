import { renderNextStep } from '@conn/sdk';
import { Command } from 'commander';
import { followFirstSync } from '../follow-first-sync';
import { captureStaticSecret } from '../steps/capture-static-secret';
import type { ConnectOptions } from '../steps/connect-options';
import { openProviderAuth } from '../steps/open-provider-auth';
import { printEnrollment } from '../steps/print-enrollment';
import { provideImportFile } from '../steps/provide-import-file';
import { waitForRepair } from '../steps/wait-for-repair';
import { examples, type OpenContext } from './open-context';

/**
 * `conn reconnect <id>`: repairs a connection that needs attention or was
 * revoked, on that same connection and by its own modality: a new
 * credential (hidden prompt), a new enrollment code for the device (then
 * waits for it), the provider's authorization URL (then waits for the
 * approval), or new export files (`--file`); then follows the sync back to
 * active.
 *
 * @example
 * program.addCommand(reconnectCommand(open));
 */
export function reconnectCommand(open: OpenContext): Command {
  return new Command('reconnect')
    .description('repair a source that needs attention or was revoked, keeping its records')
    .argument('<connection-id>', 'the connection id')
    .option('--secret-stdin', 'read each secret field from stdin, one line each')
    .option(
      '--file <path>',
      'for an upload source: a new export to import into it (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .addHelpText(
      'after',
      examples(
        'conn reconnect con_01J9Z…',
        'printf \'%s\\n\' "$NEW_TOKEN" | conn reconnect con_01J9Z… --secret-stdin',
      ),
    )
    .action(
      async (id: string, flags: { secretStdin?: boolean; file: string[] }, command: Command) => {
        const context = open(command);
        const client = await context.client();
        const result = await client.reconnect(id, { signal: context.signal });
        const current = await client.setupStatus(id, { signal: context.signal });
        const plan = await client.plan(current.connector, { signal: context.signal });
        const options: ConnectOptions = {
          unproven: true,
          files: flags.file,
          advanced: false,
          fieldValues: {},
          secretStdin: flags.secretStdin === true,
          into: id,
        };
        const step = result.next_step;
        switch (step.kind) {
          case 'capture_static_secret': {
            await captureStaticSecret(context, plan, options, id);
            const owner = await context.ownerClient();
            await followFirstSync(context, owner, id, { waiting: 'Sync' });
            return;
          }
          case 'enroll_local_collector': {
            printEnrollment(context.out, plan, step);
            const deadline = new Date(step.expires_at ?? Date.now() + 15 * 60_000);
            await waitForRepair(
              context,
              client,
              id,
              deadline,
              'The one-time code expired before the device enrolled. Run conn reconnect again for a new one.',
            );
            await followFirstSync(context, client, id, {
              waiting: 'Waiting for the device to send records',
            });
            return;
          }
          case 'open_provider_auth':
            await openProviderAuth(context, plan, options, id);
            return;
          case 'provide_import_file':
            if (options.files.length === 0) {
              context.out.line(renderNextStep(result));
              context.out.line(`Then run: conn reconnect ${id} --file <path>`);
              return;
            }
            await provideImportFile(context, plan, options);
            return;
          default:
            context.out.line(renderNextStep(result));
        }
      },
    );
}
