// The names both apps give an export, in the languages WhatsApp most often writes them.
const exportNames = [
  /^WhatsApp Chat with (.+)$/i,
  /^WhatsApp Chat - (.+)$/i,
  /^WhatsApp-Chat mit (.+)$/i,
  /^Chat de WhatsApp con (.+)$/i,
  /^Conversa do WhatsApp com (.+)$/i,
  /^Discussion WhatsApp avec (.+)$/i,
  /^Chat WhatsApp con (.+)$/i,
  /^WhatsApp-chat met (.+)$/i,
];

/**
 * The chat's name as WhatsApp wrote it into the export's file name, or null
 * when the name does not carry one (`_chat.txt`, a renamed file). Copy
 * suffixes a download adds (`(1)`) are dropped.
 *
 * @example
 * chatNameFromFileName('WhatsApp Chat with Family (1).zip'); // 'Family'
 * chatNameFromFileName('_chat.txt'); // null
 */
export function chatNameFromFileName(fileName: string): string | null {
  const base = fileName.split(/[/\\]/).pop() ?? '';
  const stem = base
    .replace(/\.(txt|zip)$/i, '')
    .replace(/\s*\(\d+\)$/, '')
    .trim();
  for (const pattern of exportNames) {
    const name = pattern.exec(stem)?.[1]?.trim();
    if (name) return name;
  }
  return null;
}
