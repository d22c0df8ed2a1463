/**
 * Characters a label never shows but that change how it reads: C0 and C1
 * controls, DEL, the line and paragraph separators, and the bidirectional
 * marks, embeddings, overrides and isolates (`\u202E` turns `txt.exe` into
 * what looks like `exe.txt`).
 */
function isHidden(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/**
 * A label derived from something the owner did not type as a label — an
 * uploaded file's name, a name an export carries — with every character it
 * could hide or reorder text with removed, trimmed.
 *
 * @example
 * labelText('\u202Etxt.exe'); // 'txt.exe'
 */
export function labelText(text: string): string {
  let shown = '';
  for (const character of text) if (!isHidden(character.codePointAt(0) ?? 0)) shown += character;
  return shown.trim();
}
