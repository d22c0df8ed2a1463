import { renderSetupStatus, type SetupStatus } from '@conn/sdk';
import { Command } from 'commander';
import { renderConnectionLine } from '../render/render-connection-line';
import { watchStatus } from '../watch-status';
import { examples, type OpenContext } from './open-context';

const jsonHelp = 'print the REST response as JSON';

/**
 * `conn connections`, `conn status <id> [--watch]`, `conn revoke <id>`, `conn abandon <id>`
 * and `conn sync <id>`.
 *
 * @example
 * for (const command of connectionCommands(open)) program.addCommand(command);
 */
export function connectionCommands(open: OpenContext): Command[] {
  const connections = new Command('connections')
    .description('list your sources: active, needing attention and revoked')
    .option(
      '--pending',
      'with --json: include setups that are not finished yet (words always list them)',
    )
    .option('--cursor <cursor>', 'with --json: the page after this cursor (next_cursor)')
    .option('--json', `${jsonHelp} (one page)`)
    .addHelpText('after', examples('conn connections', 'conn connections --pending --json'))
    .action(
      async (options: { pending?: boolean; cursor?: string; json?: boolean }, command: Command) => {
        const context = open(command);
        const client = await context.client();
        const query = { includePending: options.pending === true };
        if (options.json) {
          const page = await client.connections(
            { ...query, cursor: options.cursor ?? null },
            { signal: context.signal },
          );
          return context.out.json(page);
        }
        // In words, pending setups are always shown, as pending: never hidden, never ghosts.
        const all: SetupStatus[] = [];
        let cursor: string | null = options.cursor ?? null;
        do {
          const page = await client.connections(
            { includePending: true, cursor },
            { signal: context.signal },
          );
          all.push(...page.items);
          cursor = page.next_cursor;
        } while (cursor !== null);
        const live = all.filter((status) => status.status !== 'draft');
        const pending = all.filter((status) => status.status === 'draft');
        if (all.length === 0) context.out.line('No sources yet. Start with: conn connectors');
        for (const status of live) context.out.line(renderConnectionLine(context.out, status));
        if (pending.length > 0) {
          if (live.length > 0) context.out.line();
          context.out.line(
            `Pending setups (${pending.length}), give one up with conn abandon <id>:`,
          );
          for (const status of pending) context.out.line(renderConnectionLine(context.out, status));
        }
      },
    );

  const status = new Command('status')
    .description("show a connection's setup status; --watch follows it to the end")
    .argument('<connection-id>', 'the connection id, as `conn connections` lists it')
    .option('--watch', 'redraw on every change until the setup is done or has failed')
    .option('--json', `${jsonHelp} (with --watch: one line per change)`)
    .addHelpText(
      'after',
      examples(
        'conn status con_01J9Z…',
        'conn status con_01J9Z… --watch',
        'conn status con_01J9Z… --json',
      ),
    )
    .action(async (id: string, options: { watch?: boolean; json?: boolean }, command: Command) => {
      const context = open(command);
      const client = await context.client();
      if (options.watch) {
        await watchStatus(context, client, id, { json: options.json === true });
        return;
      }
      const found = await client.setupStatus(id, { signal: context.signal });
      if (options.json) return context.out.json(found);
      context.out.line(renderSetupStatus(found));
    });

  const revoke = new Command('revoke')
    .description('stop collecting from a source; its records are kept')
    .argument('<connection-id>', 'the connection id')
    .option('--json', jsonHelp)
    .addHelpText('after', examples('conn revoke con_01J9Z…'))
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const context = open(command);
      const revoked = await (await context.client()).revoke(id, { signal: context.signal });
      if (options.json) return context.out.json(revoked);
      context.out.line(renderSetupStatus(revoked));
    });

  const abandon = new Command('abandon')
    .description(
      'give up a setup that is not finished yet; nothing is connected and it is not listed again',
    )
    .argument('<connection-id>', 'the pending setup, as `conn connections --pending` lists it')
    .option('--json', jsonHelp)
    .addHelpText('after', examples('conn abandon con_01J9Z…'))
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const context = open(command);
      const owner = await context.ownerClient();
      const abandoned = await owner.abandonEnrollment(id, { signal: context.signal });
      if (options.json) return context.out.json(abandoned);
      context.out.line(renderSetupStatus(abandoned));
    });

  const sync = new Command('sync')
    .description('sync a source now instead of waiting for its schedule, and follow the sync')
    .argument('<connection-id>', 'the connection id')
    .option('--no-wait', 'queue the sync and return without following it')
    .option('--json', jsonHelp)
    .addHelpText('after', examples('conn sync con_01J9Z…', 'conn sync con_01J9Z… --no-wait --json'))
    .action(async (id: string, options: { wait: boolean; json?: boolean }, command: Command) => {
      const context = open(command);
      const client = await context.client();
      const queued = await client.syncNow(id, { signal: context.signal });
      if (!options.wait) {
        if (options.json) return context.out.json(queued);
        return context.out.line(renderSetupStatus(queued));
      }
      await watchStatus(context, client, id, { json: options.json === true });
    });

  return [connections, status, revoke, abandon, sync];
}
