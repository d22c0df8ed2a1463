import type { Artifact } from '@conn/sdk';
import { describe, expect, it } from 'vitest';
import { renderValidationEvidence } from '../src/render/render-validation-evidence';

const artifact: Artifact = {
  id: 'art_1',
  connector: 'whatsapp',
  file_name: 'WhatsApp Chat with Team.txt',
  size_bytes: 400,
  sha256: null,
  status: 'staged',
  expires_at: '2026-03-08T00:00:00.000Z',
  validation: {
    format: 'whatsapp_txt_android',
    counts: { chats: 1, messages: 5, attachments: 0 },
    date_range: { from: '2024-01-05T09:00:00', to: '2024-02-01T08:30:00' },
    empty: false,
    stale: false,
    suggested_label: 'WhatsApp — Team',
    remedy: null,
    details: {},
    readings: [
      {
        key: 'date_order',
        summary:
          'Read 05/01/2024 as 5 January 2024 — read the other way, 1 line would go back in time.',
        chosen: 'day_first',
        options: [
          { value: 'day_first', label: 'Day first (05/01/2024 is 5 January 2024)' },
          { value: 'month_first', label: 'Month first (05/01/2024 is 1 May 2024)' },
        ],
      },
    ],
  },
};

describe('renderValidationEvidence', () => {
  it("tells how the check read the file in the owner's words, and how to read it otherwise", () => {
    expect(renderValidationEvidence(artifact)).toEqual([
      'Found: 1 chat, 5 messages',
      'Covers 2024-01-05T09:00:00 to 2024-02-01T08:30:00',
      'Read 05/01/2024 as 5 January 2024 — read the other way, 1 line would go back in time.',
      '  Or read it Month first (05/01/2024 is 1 May 2024): pass --reading date_order=month_first when importing.',
    ]);
  });

  it("says the owner's pick instead of the guess", () => {
    expect(renderValidationEvidence(artifact, { date_order: 'month_first' })).toContain(
      'Reading it as you asked: Month first (05/01/2024 is 1 May 2024).',
    );
    expect(renderValidationEvidence(artifact, { date_order: 'day_first' })).toContain(
      'Read 05/01/2024 as 5 January 2024 — read the other way, 1 line would go back in time.',
    );
  });
});
