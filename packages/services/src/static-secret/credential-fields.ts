import {
  ConnError,
  type CredentialField,
  Secret,
  type SecretBundle,
  type SetupDescriptorOf,
} from '@conn/setup-engine';

type StaticSecretSetup = SetupDescriptorOf<'static_secret'>;

const maxSecretLength = 16_384;
const maxFieldLength = 2_048;

/**
 * The non-secret fields of a static-secret draft (API URL, account email,
 * IMAP host), checked against the manifest and completed with defaults. A
 * secret field here is refused: secrets go only to credential capture, so
 * they can never land in the plaintext `fields_json` column. Messages name
 * fields by label and never quote a value.
 *
 * @example
 * const fields = parseDraftFields(manifest.setup, { api_url: 'https://ghe.example.com/api/v3' });
 */
export function parseDraftFields(setup: StaticSecretSetup, input: unknown): Record<string, string> {
  const values = asRecord(input, 'fields');
  const byName = new Map(setup.fields.map((field) => [field.name, field]));
  for (const name of Object.keys(values)) {
    const field = byName.get(name);
    if (field === undefined) throw unknownField(setup);
    if (field.secret) {
      throw new ConnError(
        'invalid_request',
        `"${field.label}" is secret: submit it with the credential form, not with the draft.`,
        { field: field.name },
      );
    }
  }
  const fields: Record<string, string> = {};
  for (const field of setup.fields) {
    if (field.secret) continue;
    const value = presentValue(values, field) ?? field.default;
    if (value === undefined) {
      if (field.required) throw missing(field);
      continue;
    }
    checkValue(field, value, maxFieldLength);
    fields[field.name] = value;
  }
  return fields;
}

/**
 * The secret fields of a credential submission, each wrapped in a `Secret` at
 * once so the plain strings travel no further. Only the manifest's secret
 * fields are accepted; every required one must be present.
 *
 * @example
 * const secrets = parseSecretFields(manifest.setup, { token: input.token });
 * await probe({ fields, secrets, signal, fetch });
 */
export function parseSecretFields(setup: StaticSecretSetup, input: unknown): SecretBundle {
  const values = asRecord(input, 'credential');
  const byName = new Map(setup.fields.map((field) => [field.name, field]));
  for (const name of Object.keys(values)) {
    const field = byName.get(name);
    if (field === undefined) throw unknownField(setup);
    if (!field.secret) {
      throw new ConnError(
        'invalid_request',
        `"${field.label}" is not part of the credential; it is set on the draft.`,
        { field: field.name },
      );
    }
  }
  const secrets: Record<string, Secret> = {};
  for (const field of setup.fields) {
    if (!field.secret) continue;
    const value = presentValue(values, field);
    if (value === undefined) {
      if (field.required) throw missing(field);
      continue;
    }
    checkValue(field, value, maxSecretLength);
    secrets[field.name] = new Secret(value);
  }
  if (Object.keys(secrets).length === 0) {
    throw new ConnError('invalid_request', 'Enter the credential before submitting the form.');
  }
  return Object.freeze(secrets);
}

function asRecord(input: unknown, what: string): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConnError('invalid_request', `The ${what} must be an object of field values.`);
  }
  return input as Record<string, unknown>;
}

/** A present, non-empty value as a string; numbers are accepted for number fields. */
function presentValue(values: Record<string, unknown>, field: CredentialField): string | undefined {
  const raw = values[field.name];
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'number' && field.type === 'number' && Number.isFinite(raw)) {
    return String(raw);
  }
  if (typeof raw !== 'string') {
    throw new ConnError('invalid_request', `"${field.label}" must be text.`, { field: field.name });
  }
  // Secrets are taken verbatim (a trailing space may be part of a password); metadata is trimmed.
  const value = field.secret ? raw : raw.trim();
  return value.length === 0 ? undefined : value;
}

function checkValue(field: CredentialField, value: string, maxLength: number): void {
  const invalid = (why: string) =>
    new ConnError('invalid_request', `"${field.label}" ${why}.`, { field: field.name });
  if (value.length > maxLength) throw invalid(`is longer than ${maxLength} characters`);
  if (field.pattern !== undefined && !new RegExp(field.pattern).test(value)) {
    throw invalid('is not in the expected format');
  }
  switch (field.type) {
    case 'url':
      if (!isHttpUrl(value)) throw invalid('must be an http(s) URL');
      break;
    case 'email':
      if (!/^[^\s@]+@[^\s@]+$/.test(value)) throw invalid('must be an email address');
      break;
    case 'number':
      if (!/^-?\d+(\.\d+)?$/.test(value)) throw invalid('must be a number');
      break;
    case 'text':
    case 'password':
      break;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function unknownField(setup: StaticSecretSetup): ConnError<'invalid_request'> {
  // The unknown name is not echoed: a key of this map could be anything the owner pasted.
  return new ConnError('invalid_request', 'The form has a field this connector does not know.', {
    fields: setup.fields.map((field) => field.name),
  });
}

function missing(field: CredentialField): ConnError<'invalid_request'> {
  return new ConnError('invalid_request', `"${field.label}" is required.`, { field: field.name });
}
