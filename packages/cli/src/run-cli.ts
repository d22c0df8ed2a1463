import { CommanderError } from 'commander';
import type { CliContext, CliIo } from './cli-context';
import { loadCollectorNames } from './commands/collector-command';
import { createProgram } from './create-program';
import { describeFailure } from './describe-failure';
import { InterruptedError } from './interrupted-error';
import { PromptCancelledError } from './prompt-cancelled-error';

/** Exit code of a run the owner stopped with Ctrl-C, as shells report SIGINT. */
const interruptedExitCode = 130;

/** A running `conn`: its exit code once done, and a way to interrupt it (Ctrl-C). */
export interface CliRun {
  exitCode: Promise<number>;
  interrupt(): void;
}

/**
 * Runs `conn` with these arguments (without `node` and the script) and
 * resolves with the exit code: 0 on success; otherwise one line on stderr —
 * the error code and message, never a stack — and 1, or 130 when the owner
 * interrupted.
 *
 * @example
 * const run = runCli(process.argv.slice(2), io);
 * process.on('SIGINT', () => run.interrupt());
 * process.exitCode = await run.exitCode;
 */
export function runCli(args: readonly string[], io: CliIo): CliRun {
  const contexts: CliContext[] = [];
  const program = createProgram(io, contexts);
  let interrupted = false;
  const exitCode = (async () => {
    try {
      if (args[0] === 'collector') await loadCollectorNames();
      await program.parseAsync(['node', 'conn', ...args]);
      return 0;
    } catch (error) {
      if (error instanceof CommanderError) {
        // Help and version are printed by commander and are a success; its errors are printed already.
        return error.exitCode;
      }
      if (error instanceof PromptCancelledError) {
        io.stderr.write(`${describeFailure(error)}\n`);
        return interruptedExitCode;
      }
      if (error instanceof InterruptedError || interrupted) {
        io.stderr.write(`${describeFailure(new InterruptedError())}\n`);
        return interruptedExitCode;
      }
      io.stderr.write(`${oneLine(describeFailure(error), contexts)}\n`);
      return 1;
    } finally {
      for (const context of contexts) context.close();
    }
  })();
  return {
    exitCode,
    interrupt() {
      interrupted = true;
      for (const context of contexts) context.interrupt();
    },
  };
}

/** One line, with a hint when the saved session is the token that failed. */
function oneLine(text: string, contexts: readonly CliContext[]): string {
  const line = text.replace(/\s*\n\s*/g, ' ').trim();
  const fromSession = contexts.some((context) => context.tokenSource === 'session');
  if (fromSession && line.endsWith('(unauthenticated)')) {
    return line.replace(/\(unauthenticated\)$/, 'Run conn login again. (unauthenticated)');
  }
  return line;
}
