import type { ManifestInput } from '@conn/setup-engine';

/**
 * Google Maps Timeline exports. Timeline now lives on the phone, so the
 * on-device export is the main path; Takeout still serves accounts with the
 * older cloud-stored Location History formats.
 *
 * @example
 * const manifest = parseManifest(googleMapsTimelineManifest);
 */
export const googleMapsTimelineManifest: ManifestInput = {
  key: 'google-maps-timeline',
  name: 'Google Maps Timeline',
  description:
    'The places you visited and the trips between them, from a Timeline export of the Google Maps app on your phone or an older Location History export from Google Takeout.',
  category: 'location',
  homepage_url: 'https://www.google.com/maps/timeline',
  docs_url: 'https://support.google.com/maps/answer/6258979',
  streams: [
    {
      name: 'visits',
      label: 'Visits',
      description: 'Places you stayed at, with arrival and departure time and the place name.',
      record_key: 'id',
    },
    {
      name: 'activities',
      label: 'Activities',
      description: 'Trips between visits: start, end, distance and the likely way you travelled.',
      record_key: 'id',
    },
    {
      name: 'points',
      label: 'Location points',
      description: 'Raw recorded positions with their time and accuracy.',
      record_key: 'id',
    },
  ],
  setup: {
    modality: 'manual_or_upload',
    upload: {
      accepted_extensions: ['.json'],
      accepted_names: ['Timeline.json', 'Records.json', 'location-history.json'],
      max_file_bytes: 1024 ** 3,
      multi_file: true,
      acquisition: [
        {
          platform: 'android',
          steps: [
            'On your phone, open Settings → Location → Location services → Timeline.',
            'Tap "Export Timeline data" and save the file (Timeline.json).',
            'Upload that file here.',
          ],
          help_url: 'https://support.google.com/maps/answer/6258979',
        },
        {
          platform: 'ios',
          steps: [
            'Open the Google Maps app, tap your profile picture, then "Your Timeline".',
            'Tap ⋯ (More) → "Location and privacy settings" → "Export Timeline data".',
            'Save the JSON file to Files, then upload it here.',
          ],
          help_url: 'https://support.google.com/maps/answer/6258979',
        },
        {
          platform: 'web',
          steps: [
            'Open Google Takeout (this works only while Google still stores your Location History in your account; a Timeline kept on your phone is exported there instead).',
            'Choose "Deselect all", select "Location History (Timeline)", and create the export.',
            'Download the archive, unpack it, and upload Records.json and the monthly JSON files from "Semantic Location History".',
          ],
          help_url: 'https://takeout.google.com',
        },
      ],
    },
  },
};
