import type { WhatsappPlatform } from './chat-line';

/** A WhatsApp export's format name: `whatsapp_txt_android`, `whatsapp_zip_ios`, …. */
export type WhatsappFormat = `whatsapp_${'txt' | 'zip'}_${WhatsappPlatform}`;

/**
 * The format name the validator reports and the chat record keeps.
 *
 * @example
 * whatsappFormat('zip', 'ios'); // 'whatsapp_zip_ios'
 */
export function whatsappFormat(
  container: 'txt' | 'zip',
  platform: WhatsappPlatform,
): WhatsappFormat {
  return `whatsapp_${container}_${platform}`;
}
