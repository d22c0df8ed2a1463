import type { ManifestInput } from '@conn/setup-engine';

const exportDocs = 'https://faq.whatsapp.com/1180414079177245';

/**
 * WhatsApp chat exports (the app's own "Export chat"), uploaded by the owner.
 * WhatsApp has no API for personal chats, so an export file is the only path.
 *
 * @example
 * const manifest = parseManifest(whatsappManifest);
 */
export const whatsappManifest: ManifestInput = {
  key: 'whatsapp',
  name: 'WhatsApp',
  description:
    'WhatsApp chats you export from the app yourself: a .txt transcript, or a .zip with the transcript and its media. One export holds one chat; upload several at once.',
  category: 'messaging',
  homepage_url: 'https://www.whatsapp.com',
  docs_url: exportDocs,
  streams: [
    {
      name: 'chats',
      label: 'Chats',
      description: 'One record per exported chat: its name and participants.',
      record_key: 'id',
    },
    {
      name: 'messages',
      label: 'Messages',
      description: 'Each message with its sender, time and text.',
      record_key: 'id',
    },
    {
      name: 'attachments',
      label: 'Attachments',
      description:
        'Photos, voice notes, videos and documents a .zip export includes, linked to their message.',
      record_key: 'id',
    },
  ],
  setup: {
    modality: 'manual_or_upload',
    upload: {
      accepted_extensions: ['.txt', '.zip'],
      max_file_bytes: 2 * 1024 ** 3,
      multi_file: true,
      acquisition: [
        {
          platform: 'android',
          steps: [
            'Open WhatsApp and open the chat you want to export.',
            'Tap ⋮ (More options) → More → Export chat.',
            'Choose "Include media" for a .zip with photos and voice notes, or "Without media" for a smaller .txt.',
            'Save the file to your phone or a drive you can reach from here, then upload it.',
          ],
          help_url: exportDocs,
        },
        {
          platform: 'ios',
          steps: [
            'Open WhatsApp and open the chat you want to export.',
            'Tap the contact or group name at the top, then Export Chat.',
            'Choose "Attach Media" for a .zip with photos and voice notes, or "Without Media" for a smaller file.',
            'Choose "Save to Files", then upload the .zip from the Files app.',
          ],
          help_url: exportDocs,
        },
      ],
    },
  },
};
