const exportSteps =
  'In WhatsApp open the chat → ⋮ → More → Export chat… (on iPhone: tap the chat’s name → Export Chat), then upload the .zip or .txt it creates, unchanged.';

/**
 * Owner-facing remedies for uploads the WhatsApp importer cannot read, each
 * saying what the file is and how to get the export instead.
 *
 * @example
 * whatsappRemedy.backup('msgstore.db.crypt14');
 */
export const whatsappRemedy = {
  backup: (fileName: string) =>
    `This looks like a WhatsApp backup database (${fileName}), which cannot be read. ${exportSteps}`,
  media: () => `This is a photo, video or document, not a chat export. ${exportSteps}`,
  json: () => `This is a JSON file, not a WhatsApp chat export. ${exportSteps}`,
  empty: () => `The file is empty. ${exportSteps}`,
  notAChat: () =>
    `This file is not a WhatsApp chat export: no line starts with a message date and time. ${exportSteps}`,
  zipWithoutTranscript: () =>
    'This zip holds no WhatsApp chat transcript (_chat.txt or “WhatsApp Chat with ….txt”). Upload the .zip exactly as WhatsApp’s Export chat created it, without unpacking or re-packing it.',
  refusedZip: (why: string) =>
    `This zip was refused: ${why} Export the chat again from WhatsApp and upload the .zip it creates, unchanged.`,
} as const;
