import type { Readable, Writable } from 'node:stream';
import { isCancel, password, select, text } from '@clack/prompts';
import type { ArtifactReading, CredentialField } from '@conn/sdk';
import { ConnError, Secret } from '@conn/setup-engine';
import { checkFieldValue } from './check-field-value';
import { PromptCancelledError } from './prompt-cancelled-error';
import { StdinExhaustedError } from './stdin-exhausted-error';
import type { StdinLines } from './stdin-lines';

/** How the CLI may ask the owner for values. */
/** `--same-account`: put the credential on the connection that has the account, or connect it again. */
export type SameAccountChoice = 'update' | 'keep';

export interface PrompterOptions {
  /** True when stdin is a terminal: prompts are shown (@clack/prompts). */
  interactive: boolean;
  input: Readable;
  /** Where prompts are drawn (stdout when it is a terminal). */
  output: Writable;
  /** Values given as `--field name=value`; they win over prompts. */
  fieldValues: Readonly<Record<string, string>>;
  /** Set with `--secret-stdin` / `--password-stdin`: secrets come from stdin, one line each. */
  secretLines: StdinLines | null;
}

/**
 * Asks for credential form fields and secrets: hidden prompts on a terminal,
 * or, for scripts, `--field name=value` and one stdin line per secret. A
 * secret is wrapped in a `Secret` as soon as it is read, so it cannot slip
 * into a log line or an error message on its way to the server.
 *
 * @example
 * const prompter = new Prompter({ interactive: true, input: process.stdin, output: process.stdout, fieldValues: {}, secretLines: null });
 * const token = await prompter.secret(tokenField);
 */
export class Prompter {
  readonly #options: PrompterOptions;

  constructor(options: PrompterOptions) {
    this.#options = options;
  }

  /**
   * A non-secret field's value: from `--field`, else prompted (when `ask` and
   * on a terminal), else the field's default. Undefined means "leave it to
   * the server's default".
   */
  async field(field: CredentialField, ask: boolean): Promise<string | undefined> {
    const given = this.#options.fieldValues[field.name];
    if (given !== undefined) {
      const problem = checkFieldValue(field, given);
      if (problem !== undefined)
        throw new ConnError('invalid_request', problem, { field: field.name });
      return given;
    }
    if (!ask || !this.#options.interactive) {
      if (field.required && field.default === undefined) {
        throw new ConnError(
          'invalid_request',
          `${field.label} is required: pass it with --field ${field.name}=VALUE.`,
          { field: field.name },
        );
      }
      return undefined;
    }
    const answer = await text({
      message: field.required ? field.label : `${field.label} (optional)`,
      ...(field.placeholder === undefined && field.default === undefined
        ? {}
        : { placeholder: field.placeholder ?? field.default }),
      ...(field.default === undefined ? {} : { defaultValue: field.default }),
      validate: (value) => checkFieldValue(field, value?.trim() ?? ''),
      input: this.#options.input,
      output: this.#options.output,
    });
    if (isCancel(answer)) throw new PromptCancelledError();
    const value = answer.trim();
    return value === '' ? undefined : value;
  }

  /**
   * A destructive action's typed confirmation: resolves what the owner typed
   * (the server checks it), or `expected` when they already said `--yes`.
   * Off a terminal without `--yes` it refuses, so a script never destroys
   * data by accident.
   */
  async confirmation(message: string, expected: string, yes: boolean): Promise<string> {
    if (yes) return expected;
    if (!this.#options.interactive) {
      throw new ConnError(
        'invalid_request',
        'This cannot be undone, and there is no terminal to confirm it: add --yes to go ahead.',
      );
    }
    const answer = await text({
      message,
      placeholder: expected,
      validate: (value) => ((value ?? '').trim() === '' ? 'Type it to go ahead.' : undefined),
      input: this.#options.input,
      output: this.#options.output,
    });
    if (isCancel(answer)) throw new PromptCancelledError();
    return answer.trim();
  }

  /**
   * How to read a file where the upload check guessed: the owner's
   * `--reading` pick, else asked on a terminal (the guess first), else the
   * guess.
   */
  async reading(reading: ArtifactReading, picked: string | undefined): Promise<string> {
    if (picked !== undefined) return picked;
    if (!this.#options.interactive) return reading.chosen;
    const answer = await select({
      message: reading.summary,
      options: reading.options.map((option) => ({ value: option.value, label: option.label })),
      initialValue: reading.chosen,
      input: this.#options.input,
      output: this.#options.output,
    });
    if (isCancel(answer)) throw new PromptCancelledError();
    return answer;
  }

  /**
   * What to do with a credential whose account is already connected as
   * `label`: the owner's `--same-account` pick, else asked on a terminal,
   * else null (a script must say).
   */
  async sameAccount(
    label: string,
    picked: SameAccountChoice | undefined,
  ): Promise<SameAccountChoice | null> {
    if (picked !== undefined) return picked;
    if (!this.#options.interactive) return null;
    const answer = await select<SameAccountChoice | 'cancel'>({
      message: `This account is already connected as "${label}".`,
      options: [
        { value: 'update', label: `Use it for "${label}" (replaces that connection's credential)` },
        { value: 'keep', label: 'Connect the same account a second time' },
        { value: 'cancel', label: 'Cancel' },
      ],
      initialValue: 'update',
      input: this.#options.input,
      output: this.#options.output,
    });
    if (isCancel(answer) || answer === 'cancel') throw new PromptCancelledError();
    return answer;
  }

  /** A secret field's value, never shown: a masked prompt, or the next stdin line with `--secret-stdin`. */
  async secret(field: CredentialField): Promise<Secret> {
    return this.#hidden(field.label, field.name, '--secret-stdin', (value) =>
      checkFieldValue(field, value),
    );
  }

  /** A provider OAuth app's client secret, for `conn deployment provider-app`. */
  async clientSecret(label: string): Promise<Secret> {
    return this.#hidden(label, 'client_secret', '--secret-stdin', (value) =>
      value === '' ? 'The client secret is required.' : undefined,
    );
  }

  /** The owner password for `conn login`. */
  async password(): Promise<Secret> {
    return this.#hidden('Owner password', 'password', '--password-stdin', (value) =>
      value === '' ? 'The password is required.' : undefined,
    );
  }

  async #hidden(
    label: string,
    name: string,
    stdinFlag: string,
    check: (value: string) => string | undefined,
  ): Promise<Secret> {
    const lines = this.#options.secretLines;
    if (lines !== null) {
      const line = await lines.next();
      if (line === null) {
        throw new StdinExhaustedError(label, name);
      }
      const problem = check(line);
      if (problem !== undefined) throw new ConnError('invalid_request', problem, { field: name });
      return new Secret(line);
    }
    if (!this.#options.interactive) {
      throw new ConnError(
        'invalid_request',
        `${label} is asked with a hidden prompt, but stdin is not a terminal: pipe it in with ${stdinFlag}.`,
        { field: name },
      );
    }
    const answer = await password({
      message: label,
      validate: (value) => check(value ?? ''),
      input: this.#options.input,
      output: this.#options.output,
    });
    if (isCancel(answer)) throw new PromptCancelledError();
    return new Secret(answer);
  }
}
