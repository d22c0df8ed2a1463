import { Command, InvalidArgumentError } from 'commander';
import { renderEventLine } from '../render/render-event-line';
import { examples, type OpenContext } from './open-context';

function eventId(value: string): number {
  const id = Number(value);
  if (!/^\d{1,15}$/.test(value) || !Number.isSafeInteger(id)) {
    throw new InvalidArgumentError('give an event id, a whole number such as 120');
  }
  return id;
}

/**
 * `conn events [--connection ID] [--after ID] [--json]`: the lifecycle
 * events as they happen, until Ctrl-C. The stream resumes by itself after a
 * dropped connection or a server restart, missing nothing.
 *
 * @example
 * program.addCommand(eventsCommand(open));
 */
export function eventsCommand(open: OpenContext): Command {
  return new Command('events')
    .description('print setup and sync events as they happen, until Ctrl-C')
    .option('--connection <connection-id>', "only this connection's events")
    .option('--after <event-id>', 'start after this event (default: from now on)', eventId)
    .option('--json', 'one JSON line per event, exactly as the server sent it')
    .addHelpText(
      'after',
      examples('conn events', 'conn events --connection con_01J9Z…', 'conn events --json'),
    )
    .action(
      async (
        options: { connection?: string; after?: number; json?: boolean },
        command: Command,
      ) => {
        const context = open(command);
        const client = await context.client();
        const { signal } = context;
        const names = new Map<string, string>();
        if (!options.json) {
          for (const entry of await client.connectors({ signal })) {
            names.set(entry.plan.connector.key, entry.plan.connector.name);
          }
        }
        let announced = false;
        const events = client.events({
          ...(options.connection === undefined ? {} : { connectionId: options.connection }),
          ...(options.after === undefined ? {} : { after: options.after }),
          signal,
          onOpen: () => {
            if (announced || options.json || !context.out.tty) return;
            announced = true;
            context.out.line(context.out.style('dim', 'Following events. Stop with Ctrl-C.'));
          },
        });
        for await (const event of events) {
          if (options.json) context.out.json(event);
          else context.out.line(renderEventLine(context.out, event, names));
        }
      },
    );
}
