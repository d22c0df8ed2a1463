import { ConnError } from '@conn/setup-engine';

const maxFileNameLength = 255;
/** C0 and C1 controls, DEL and the Unicode line/paragraph separators: nothing a file name shows. */
function hasControlCharacter(name: string): boolean {
  for (const character of name) {
    const code = character.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029)
      return true;
  }
  return false;
}

/**
 * The owner's file name from the `X-Conn-File-Name` header (percent-encoded,
 * as the SDK sends it), reduced to its last path segment. It is only ever a
 * label — shown to the owner, handed to the validator for naming hints —
 * and never a path the server writes to. Refuses a missing, undecodable,
 * empty or over-long name and control characters with `invalid_request`.
 *
 * @example
 * uploadFileName('WhatsApp%20Chat%20with%20Family.txt'); // 'WhatsApp Chat with Family.txt'
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
  const name = decoded.split(/[/\\]/).at(-1)?.trim() ?? '';
  if (name === '' || name === '.' || name === '..' || hasControlCharacter(name)) {
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
