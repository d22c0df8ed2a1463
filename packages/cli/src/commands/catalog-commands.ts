import { renderNextStep } from '@conn/sdk';
import { Command } from 'commander';
import { renderCatalogEntry } from '../render/render-catalog-entry';
import { renderReadiness } from '../render/render-readiness';
import { examples, type OpenContext } from './open-context';

const jsonHelp = 'print the REST response as JSON';

/**
 * The read-only catalog commands: `conn connectors`, `conn plan <connector>`
 * and `conn readiness`. With `--json` each prints the REST response body
 * exactly; otherwise owner-readable text.
 *
 * @example
 * for (const command of catalogCommands(open)) program.addCommand(command);
 */
export function catalogCommands(open: OpenContext): Command[] {
  const connectors = new Command('connectors')
    .description('list the connectors this server offers, with their next step and your sources')
    .option('--json', jsonHelp)
    .addHelpText('after', examples('conn connectors', 'conn connectors --json'))
    .action(async (options: { json?: boolean }, command: Command) => {
      const context = open(command);
      const entries = await (await context.client()).connectors({ signal: context.signal });
      if (options.json) return context.out.json({ connectors: entries });
      for (const entry of entries) context.out.lines(renderCatalogEntry(context.out, entry));
    });

  const plan = new Command('plan')
    .description("show one connector's setup plan: how it is set up here and the next step")
    .argument('<connector>', 'the connector key, as `conn connectors` lists it')
    .option('--json', jsonHelp)
    .addHelpText('after', examples('conn plan <connector>', 'conn plan <connector> --json'))
    .action(async (key: string, options: { json?: boolean }, command: Command) => {
      const context = open(command);
      const found = await (await context.client()).plan(key, { signal: context.signal });
      if (options.json) return context.out.json(found);
      context.out.line(renderNextStep(found));
    });

  const readiness = new Command('readiness')
    .description("show what this server's operator still has to set up")
    .option('--json', jsonHelp)
    .addHelpText('after', examples('conn readiness', 'conn readiness --json'))
    .action(async (options: { json?: boolean }, command: Command) => {
      const context = open(command);
      const found = await (await context.client()).readiness({ signal: context.signal });
      if (options.json) return context.out.json(found);
      context.out.lines(renderReadiness(found));
    });

  return [connectors, plan, readiness];
}
