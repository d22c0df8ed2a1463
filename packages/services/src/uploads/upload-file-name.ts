import { ConnError, labelText } from '@conn/setup-engine';

const maxFileNameLength = 255;

/**
 * The owner's file name from the `X-Conn-File-Name` header (percent-encoded,
 * as the SDK sends it), reduced to its last path segment, with controls and
 * bidirectional overrides removed (`labelText`). It is only ever a label —
 * shown to the owner, handed to the validator for naming hints — and never a
 * path the server writes to. Refuses a missing, undecodable, empty or
 * over-long name with `invalid_request`.
 *
 * @example
 * uploadFileName('WhatsApp%20Chat%20with%20Family.txt'); // 'WhatsApp Chat with Family.txt'
 * uploadFileName('%E2%80%AEtxt.exe'); // 'txt.exe'
 */
export function uploadFileName(header: string | undefined): string {
  if (header === undefined || header.trim() === '') {
    throw new ConnError(
      'invalid_request',
      'Name the file in the X-Conn-File-Name header (percent-encoded).',
    );
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(header.trim());
  } catch {
    throw new ConnError(
      'invalid_request',
      'The X-Conn-File-Name header is not valid percent-encoding.',
    );
  }
  const name = labelText(decoded.split(/[/\\]/).at(-1) ?? '');
  if (name === '' || name === '.' || name === '..') {
    throw new ConnError(
      'invalid_request',
      'The X-Conn-File-Name header does not hold a usable file name.',
    );
  }
  if (name.length > maxFileNameLength) {
    throw new ConnError(
      'invalid_request',
      `The file name is longer than ${maxFileNameLength} characters; rename the file and upload it again.`,
    );
  }
  return name;
}
