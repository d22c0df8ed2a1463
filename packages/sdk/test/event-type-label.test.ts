import { eventTypes } from '@conn/setup-engine';
import { describe, expect, it } from 'vitest';
import { eventTypeLabel } from '../src/index';

describe('eventTypeLabel', () => {
  it('gives every event type its own owner-readable label, never the raw type', () => {
    const labels = eventTypes.map((type) => eventTypeLabel(type));
    expect(new Set(labels).size).toBe(eventTypes.length);
    for (const label of labels) {
      expect(label).toMatch(/^[A-Z][a-z -]+$/);
      expect(label).not.toContain('_');
    }
    expect(eventTypeLabel('unknown')).not.toContain('unknown');
  });
});
