import { ConnError, type ErrorDetails } from '@conn/setup-engine';
import { type VaultKeys, vaultKeyBytes, vaultKeysFrom } from './vault-key';

const base64Pattern = /^[A-Za-z0-9+/_-]+={0,2}$/;
const generateHint = 'Generate one with `openssl rand -base64 32`.';

/**
 * Parses credential key text as given by an operator: one base64 key (standard
 * or URL alphabet) decoding to exactly 32 bytes, or several separated by
 * commas or new lines, newest first, to keep opening values sealed before a
 * rotation. Lines starting with `#` are comments. Errors name `source` (the
 * setting or the file) and the entry's position, never the value; `setting`
 * (the configuration variable, when there is one) goes into the error details.
 *
 * @example
 * parseCredentialKeys(process.env.CONN_CREDENTIAL_KEY, 'CONN_CREDENTIAL_KEY');
 * parseCredentialKeys('NEWKEY…=,OLDKEY…=', 'CONN_CREDENTIAL_KEY'); // primary NEWKEY, previous OLDKEY
 */
export function parseCredentialKeys(text: string, source: string, setting?: string): VaultKeys {
  const entries = text
    .split(/\r?\n/)
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .split(/[\s,]+/)
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) {
    throw new ConnError(
      'invalid_request',
      `${source} holds no credential key. ${generateHint}`,
      setting === undefined ? undefined : { setting },
    );
  }
  const decoded = entries.map((entry, index) =>
    decodeKey(entry, index, entries.length, source, setting),
  );
  try {
    return vaultKeysFrom(decoded);
  } finally {
    for (const bytes of decoded) bytes.fill(0);
  }
}

function decodeKey(
  entry: string,
  index: number,
  count: number,
  source: string,
  setting: string | undefined,
): Buffer {
  const which = count > 1 ? ` (key ${index + 1} of ${count})` : '';
  const details: ErrorDetails =
    setting === undefined ? { entry: index + 1 } : { setting, entry: index + 1 };
  if (!base64Pattern.test(entry)) {
    throw new ConnError(
      'invalid_request',
      `${source} is not a valid credential key${which}: it must be base64. ${generateHint}`,
      details,
    );
  }
  const bytes = Buffer.from(entry, 'base64');
  if (bytes.length !== vaultKeyBytes) {
    const length = bytes.length;
    bytes.fill(0);
    throw new ConnError(
      'invalid_request',
      `${source} is not a valid credential key${which}: it must decode to exactly ` +
        `${vaultKeyBytes} bytes, and it decodes to ${length}. ${generateHint}`,
      details,
    );
  }
  return bytes;
}
