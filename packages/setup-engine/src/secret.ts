import { z } from 'zod';

const REDACTED = '[secret]';
// The well-known symbol util.inspect looks up; named by Symbol.for so the engine stays free of node: imports.
const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/**
 * A credential value. It holds the plaintext in a private field, so it does not
 * survive JSON.stringify, string interpolation, util.inspect, structuredClone or
 * spreading: the only way out is an explicit `reveal()` at the point of use
 * (sealing, or calling the provider).
 *
 * @example
 * const token = new Secret(input);
 * JSON.stringify({ token }); // '{"token":"[secret]"}'
 * await probe(token.reveal());
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The plaintext. Call only where the value must leave the process boundary on purpose. */
  reveal(): string {
    return this.#value;
  }

  /** Constant-time-ish length for validation messages that must not echo the value. */
  get length(): number {
    return this.#value.length;
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [inspectCustom](): string {
    return REDACTED;
  }
}

/** A bundle of named secret values (e.g. a username and a password) sealed as one. */
export type SecretBundle = Readonly<Record<string, Secret>>;

/** Reveals a bundle into a plain record for sealing. */
export function revealBundle(bundle: SecretBundle): Record<string, string> {
  return Object.fromEntries(
    Object.entries(bundle).map(([name, secret]) => [name, secret.reveal()]),
  );
}

/** Parses a non-empty string straight into a Secret, so the plain string never travels further. */
export const SecretSchema = z
  .string()
  .min(1)
  .max(16_384)
  .transform((value) => new Secret(value));
