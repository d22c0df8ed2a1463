import type { ManifestInput } from '@conn/setup-engine';

/** Where the notes service answers unless the owner names another instance. */
export const notesDefaultApiUrl = 'https://notes.example';

/**
 * Step 1: the manifest. It is all the engine needs to plan a setup: the
 * modality (`static_secret`: the owner pastes a token), the fields the form
 * asks for (the token is `secret: true`, so it only ever reaches the vault),
 * and the streams the collector writes, each with the field that keys a record.
 */
export const notesManifest: ManifestInput = {
  key: 'notes',
  name: 'Notes',
  description: 'Your notes from a notes service, read with an API token.',
  category: 'other',
  streams: [
    {
      name: 'notes',
      label: 'Notes',
      description: 'Each note with its title and text.',
      record_key: 'id',
    },
    { name: 'account', label: 'Account', description: 'The account itself.', record_key: 'id' },
  ],
  setup: {
    modality: 'static_secret',
    credential_kind: 'api_key',
    fields: [
      { name: 'token', label: 'API token', type: 'password', secret: true, required: true },
      {
        name: 'api_url',
        label: 'API URL',
        type: 'url',
        secret: false,
        required: false,
        default: notesDefaultApiUrl,
        advanced: true,
      },
    ],
  },
};
