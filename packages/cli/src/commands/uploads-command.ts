import { formatBytes } from '@conn/sdk';
import { Command, InvalidArgumentError } from 'commander';
import { examples, type OpenContext } from './open-context';

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new InvalidArgumentError('give a whole number from 1 to 100');
  }
  return limit;
}

/**
 * `conn uploads`: the owner's recent uploads, newest first, with their
 * status, including one whose server died before it answered (`interrupted`).
 *
 * @example
 * program.addCommand(uploadsCommand(open));
 */
export function uploadsCommand(open: OpenContext): Command {
  return new Command('uploads')
    .description('list your recent uploads, newest first, with their status')
    .option('--limit <n>', 'how many, 1 to 100 (default 50)', parseLimit)
    .option('--json', 'print the REST response as JSON')
    .addHelpText('after', examples('conn uploads', 'conn uploads --limit 5 --json'))
    .action(async (options: { limit?: number; json?: boolean }, command: Command) => {
      const context = open(command);
      const uploads = await (await context.ownerClient()).uploads(
        options.limit === undefined ? {} : { limit: options.limit },
        { signal: context.signal },
      );
      if (options.json) return context.out.json({ uploads });
      if (uploads.length === 0) context.out.line('No uploads.');
      for (const upload of uploads) {
        const remedy = upload.validation?.remedy;
        context.out.line(
          `${context.out.style('bold', upload.file_name || '(unnamed)')}  ${upload.id}  ${upload.connector}  ${formatBytes(upload.size_bytes)}  ${upload.status}${remedy ? ` — ${remedy}` : ''}`,
        );
      }
    });
}
