/**
 * The owner cancelled a prompt (Ctrl-C or Escape). Nothing was sent for the
 * field being asked; the command ends with exit code 130, like an interrupt.
 *
 * @example
 * if (isCancel(answer)) throw new PromptCancelledError();
 */
export class PromptCancelledError extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'PromptCancelledError';
  }
}
