/**
 * The `conn` binary. Everything it does is in `runCli`; this file only
 * wires the real process to it: streams, environment, Ctrl-C, exit code.
 */
import { runCli } from './run-cli';

const run = runCli(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts += 1;
  // A second Ctrl-C does not wait for the command to wind down.
  if (interrupts > 1) process.exit(130);
  run.interrupt();
});
process.exitCode = await run.exitCode;
// A leftover handle (an idle keep-alive socket, stdin after a prompt) must not keep a finished
// command alive; the grace period lets piped output drain first.
setTimeout(() => process.exit(), 500).unref();
