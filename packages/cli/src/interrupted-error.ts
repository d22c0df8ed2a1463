/**
 * The owner pressed Ctrl-C while the CLI was waiting or collecting. The
 * server keeps whatever was already sent; the command ends with exit code 130.
 *
 * @example
 * controller.abort(new InterruptedError());
 */
export class InterruptedError extends Error {
  constructor() {
    super('Stopped.');
    this.name = 'InterruptedError';
  }
}
