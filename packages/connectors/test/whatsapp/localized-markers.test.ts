import { describe, expect, it } from 'vitest';
import { attachmentMarker } from '../../src/whatsapp/attachment-marker';
import { splitAuthor } from '../../src/whatsapp/chat-message';
import { localizedMarkers } from '../../src/whatsapp/localized-markers';

const locales = ['en', 'de', 'es', 'fr', 'pt', 'it', 'nl'] as const;

describe('localizedMarkers', () => {
  it('says where every string came from', () => {
    for (const marker of localizedMarkers) expect(marker.source.trim()).not.toBe('');
  });

  it('has, for every locale, media left out and media attached on both apps', () => {
    for (const locale of locales) {
      const shapes = localizedMarkers
        .filter((marker) => marker.locale === locale)
        .map((marker) => `${marker.platform} ${marker.shape}`);
      expect(shapes).toEqual(
        expect.arrayContaining([
          'android omitted',
          'android file_attached',
          'ios omitted',
          'ios attached_tag',
        ]),
      );
    }
  });

  it('recognises every media-left-out string as the kind it names, in any case', () => {
    for (const marker of localizedMarkers.filter((row) => row.shape === 'omitted')) {
      expect(attachmentMarker(marker.text)?.marker).toEqual({ file_name: null, kind: marker.kind });
      expect(attachmentMarker(marker.text.toUpperCase())?.marker.kind).toBe(marker.kind);
    }
  });

  it('finds the file behind every attached tag and before every "file attached"', () => {
    for (const marker of localizedMarkers.filter((row) => row.shape === 'attached_tag'))
      expect(
        attachmentMarker(`<${marker.text}: 00000012-PHOTO-2026-03-07-21-22-39.jpg>\nHi`),
      ).toEqual({
        marker: { file_name: '00000012-PHOTO-2026-03-07-21-22-39.jpg', kind: 'image' },
        caption: 'Hi',
      });
    for (const marker of localizedMarkers.filter((row) => row.shape === 'file_attached'))
      expect(attachmentMarker(`PTT-20260307-WA0003.opus (${marker.text})`)?.marker).toEqual({
        file_name: 'PTT-20260307-WA0003.opus',
        kind: 'audio',
      });
  });

  it('reads the formerly plain-text German and Spanish markers as media', () => {
    expect(attachmentMarker('<Anhang: 00000003-PHOTO-2026-03-07-21-22-39.jpg>')?.marker.kind).toBe(
      'image',
    );
    expect(attachmentMarker('<Multimedia omitido>')?.marker).toEqual({
      file_name: null,
      kind: 'media',
    });
    expect(attachmentMarker('Bericht.pdf • 3 Seiten Dokument weggelassen')?.marker).toEqual({
      file_name: 'Bericht.pdf',
      kind: 'document',
    });
    expect(
      attachmentMarker('<pièce jointe : 00000004-AUDIO-2026-03-07-21-31-14.opus>')?.marker.kind,
    ).toBe('audio');
    expect(attachmentMarker('Das Bild weggelassen hat er nicht')).toBeNull();
  });

  it('keeps a deleted message its author’s on iOS, in every locale', () => {
    for (const marker of localizedMarkers.filter((row) => row.shape === 'deleted'))
      expect(splitAuthor(`Alice: \u200e${marker.text}.`, 'ios')).toMatchObject({
        author: 'Alice',
        system: false,
      });
    expect(splitAuthor('Familie: \u200eAlice hat Bob hinzugefügt', 'ios')).toMatchObject({
      author: null,
      system: true,
      system_label: 'Familie',
    });
  });
});
