import { ConnError } from '@conn/setup-engine';

/**
 * Scripted input (`--secret-stdin`, `--password-stdin`) ended before the CLI
 * had every value it needed, e.g. after the provider rejected the last secret.
 *
 * @example
 * if (line === null) throw new StdinExhaustedError('Personal access token');
 */
export class StdinExhaustedError extends ConnError<'invalid_request'> {
  constructor(label: string, field: string) {
    super('invalid_request', `No more input on stdin for ${label}.`, { field });
    this.name = 'StdinExhaustedError';
  }
}
