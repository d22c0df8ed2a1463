import { countOf, describeMoment, runKindWords, runStatusWords } from '@conn/sdk';
import { Command } from 'commander';
import { examples, type OpenContext } from './open-context';

const jsonHelp = 'print the REST response as JSON';

/**
 * The owner's control of a source's data: `conn runs <id>` (its recent runs),
 * `conn delete <id>`, `conn undo <id> <run-id>` (an import) and
 * `conn cancel <id> <run-id>`. Delete and undo cannot be taken back: they ask
 * the owner to type the source's name (or `--yes`) and need the owner's own
 * session, never an agent token.
 *
 * @example
 * for (const command of dataCommands(open)) program.addCommand(command);
 */
export function dataCommands(open: OpenContext): Command[] {
  const runs = new Command('runs')
    .description("list a source's recent syncs and imports, newest first, with their ids")
    .argument('<connection-id>', 'the connection id')
    .option('--json', jsonHelp)
    .addHelpText('after', examples('conn runs con_01J9Z…', 'conn runs con_01J9Z… --json'))
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const context = open(command);
      const list = await (await context.client()).runs(id, {}, { signal: context.signal });
      if (options.json) return context.out.json(list);
      if (list.items.length === 0) return context.out.line('No syncs or imports yet.');
      for (const run of list.items) {
        const undone = run.undone_at === null || run.undone_at === undefined ? '' : '  (undone)';
        context.out.line(
          `${run.id}  ${runKindWords(run.kind)}  ${runStatusWords(run.status)}  ${countOf(run.records_accepted, 'records')}  ${describeMoment(run.created_at)}${undone}`,
        );
      }
    });

  const remove = new Command('delete')
    .description('delete a source with everything it holds: records, files, credential, history')
    .argument('<connection-id>', 'the connection id')
    .option('--yes', 'skip the typed confirmation (for scripts)')
    .option('--json', jsonHelp)
    .addHelpText('after', examples('conn delete con_01J9Z…', 'conn delete con_01J9Z… --yes --json'))
    .action(async (id: string, options: { yes?: boolean; json?: boolean }, command: Command) => {
      const context = open(command);
      const owner = await context.ownerClient();
      const status = await owner.setupStatus(id, { signal: context.signal });
      const name = status.label ?? status.connection_id;
      const confirm = await context
        .prompter()
        .confirmation(
          `This deletes ${name} and its ${countOf(status.records_total, 'records')} for good. Type its name to confirm`,
          name,
          options.yes === true,
        );
      const deleted = await owner.deleteConnection(id, { confirm }, { signal: context.signal });
      if (options.json) return context.out.json(deleted);
      context.out.line(
        `Deleted ${name}: ${countOf(deleted.records_deleted, 'records')} and ${countOf(deleted.uploads_deleted + deleted.blobs_deleted, 'files')} removed.`,
      );
    });

  const undo = new Command('undo')
    .description('undo one import: remove the records it added, nothing else')
    .argument('<connection-id>', 'the connection id')
    .argument('<run-id>', 'the import, as `conn runs <connection-id>` lists it')
    .option('--yes', 'skip the typed confirmation (for scripts)')
    .option('--json', jsonHelp)
    .addHelpText(
      'after',
      examples('conn undo con_01J9Z… run_01J9Z…', 'conn undo con_01J9Z… run_01J9Z… --yes'),
    )
    .action(
      async (
        id: string,
        runId: string,
        options: { yes?: boolean; json?: boolean },
        command: Command,
      ) => {
        const context = open(command);
        const owner = await context.ownerClient();
        const typed = await context
          .prompter()
          .confirmation(
            "This removes the records this import added. Type the import's id to confirm",
            runId,
            options.yes === true,
          );
        if (typed !== runId) {
          return context.out.line('Nothing was changed: the confirmation did not match.');
        }
        const undone = await owner.undoImport(id, runId, { signal: context.signal });
        if (options.json) return context.out.json(undone);
        context.out.line(
          `Import undone: ${countOf(undone.records_deleted, 'records')} removed, ${countOf(undone.records_total, 'records')} kept.`,
        );
      },
    );

  const cancel = new Command('cancel')
    .description('stop a sync or import that is waiting or running; what it stored stays')
    .argument('<connection-id>', 'the connection id')
    .argument('<run-id>', 'the run, as `conn runs <connection-id>` lists it')
    .option('--json', jsonHelp)
    .addHelpText('after', examples('conn cancel con_01J9Z… run_01J9Z…'))
    .action(async (id: string, runId: string, options: { json?: boolean }, command: Command) => {
      const context = open(command);
      const cancelled = await (await context.client()).cancelRun(id, runId, {
        signal: context.signal,
      });
      if (options.json) return context.out.json(cancelled);
      context.out.line(
        `${runKindWords(cancelled.run.kind)} stopped after ${countOf(cancelled.run.records_accepted, 'records')}.`,
      );
    });

  return [runs, remove, undo, cancel];
}
