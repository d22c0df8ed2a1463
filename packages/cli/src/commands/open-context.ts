import type { Command } from 'commander';
import type { CliContext } from '../cli-context';

/** Makes the context of a command being run, from its own and its parents' options (`--server`). */
export type OpenContext = (command: Command) => CliContext;

/**
 * The examples block at the end of a command's `--help`.
 *
 * @example
 * command.addHelpText('after', examples('conn plan <connector>', 'conn plan <connector> --json'));
 */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}
