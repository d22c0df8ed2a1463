import type { AttachmentKind } from './attachment-marker';
import type { WhatsappPlatform } from './chat-line';

/** The export languages whose markers the table holds. */
export type MarkerLocale = 'en' | 'de' | 'es' | 'fr' | 'pt' | 'it' | 'nl';

/**
 * Where in a message a marker stands:
 * - `omitted`: the whole first line, the media left out (`<Medien ausgeschlossen>`, `Bild weggelassen`);
 * - `attached_tag`: the word before the file name in iOS's `<Anhang: 00000012-PHOTO-….jpg>`;
 * - `file_attached`: the words after the file name in Android's `IMG-….jpg (Datei angehängt)`;
 * - `deleted`: a deleted message's notice, which iOS marks like a system line.
 */
export type MarkerShape = 'omitted' | 'attached_tag' | 'file_attached' | 'deleted';

/** One string WhatsApp writes into an export, and where it was seen. */
export interface LocalizedMarker {
  locale: MarkerLocale;
  platform: WhatsappPlatform;
  shape: MarkerShape;
  /** As written, compared without regard to case. */
  text: string;
  /** What an `omitted` marker says the media was; `media` when it does not say. Null for the other shapes. */
  kind: AttachmentKind | null;
  /** The public place the string was found: another parser's test data or table, or an issue quoting an export. */
  source: string;
}

const whatsReader = 'rodrigogs/whats-reader examples/parser-tests/README.md';
const whatsReaderIos =
  'rodrigogs/whats-reader pull request #76 (from WhatsApp iOS Localizable.strings)';
const chatAnalytics = 'mlomb/chat-analytics pipeline/parse/parsers/WhatsApp.ts';
const qualichat = 'qualichat/qualichat qualichat/enums.py';
const exportParser =
  'borgoat/artificialstupidity packages/whatsapp_export_parser/lib/src/message.dart';
const analyzerIssue = 'PetengDedet/WhatsApp-Analyzer issue #4';
// The index names no repository for these: five unrelated public parsers list them alike.
const dutchDeleted =
  'public WhatsApp parsers matching "bericht is verwijderd" (two, unnamed by the index)';
const dutchParsers =
  'public WhatsApp parsers matching "afbeelding weggelaten" (five, unnamed by the index)';

type Row = [MarkerLocale, WhatsappPlatform, MarkerShape, string, AttachmentKind | null, string];

// Several spellings per locale: WhatsApp reworded its strings between app versions, and pt-BR differs from pt-PT.
const rows: Row[] = [
  // English
  ['en', 'android', 'omitted', '<Media omitted>', 'media', analyzerIssue],
  ['en', 'android', 'file_attached', 'file attached', null, whatsReader],
  ['en', 'ios', 'omitted', 'image omitted', 'image', analyzerIssue],
  ['en', 'ios', 'omitted', 'video omitted', 'video', analyzerIssue],
  ['en', 'ios', 'omitted', 'audio omitted', 'audio', analyzerIssue],
  ['en', 'ios', 'omitted', 'sticker omitted', 'sticker', analyzerIssue],
  ['en', 'ios', 'omitted', 'GIF omitted', 'gif', analyzerIssue],
  ['en', 'ios', 'omitted', 'document omitted', 'document', analyzerIssue],
  ['en', 'ios', 'omitted', 'Contact card omitted', 'contact', analyzerIssue],
  ['en', 'ios', 'attached_tag', 'attached', null, whatsReaderIos],
  ['en', 'ios', 'deleted', 'This message was deleted', null, exportParser],
  ['en', 'ios', 'deleted', 'You deleted this message', null, exportParser],
  // German
  ['de', 'android', 'omitted', '<Medien ausgeschlossen>', 'media', analyzerIssue],
  ['de', 'android', 'omitted', '<Medien weggelassen>', 'media', chatAnalytics],
  ['de', 'android', 'omitted', '<Medien ausgelassen>', 'media', whatsReader],
  ['de', 'android', 'file_attached', 'Datei angehängt', null, whatsReader],
  ['de', 'ios', 'omitted', 'Bild weggelassen', 'image', 'mowolf/ChatAnalyzer issue #13'],
  ['de', 'ios', 'omitted', 'Video weggelassen', 'video', exportParser],
  ['de', 'ios', 'omitted', 'Audio weggelassen', 'audio', exportParser],
  ['de', 'ios', 'omitted', 'Sticker weggelassen', 'sticker', exportParser],
  ['de', 'ios', 'omitted', 'GIF weggelassen', 'gif', exportParser],
  ['de', 'ios', 'omitted', 'Dokument weggelassen', 'document', exportParser],
  ['de', 'ios', 'omitted', 'Kontaktkarte ausgelassen', 'contact', exportParser],
  ['de', 'ios', 'omitted', 'Kontaktkarte weggelassen', 'contact', qualichat],
  ['de', 'ios', 'attached_tag', 'Anhang', null, whatsReaderIos],
  ['de', 'ios', 'attached_tag', 'angehängt', null, whatsReaderIos],
  ['de', 'ios', 'deleted', 'Diese Nachricht wurde gelöscht', null, exportParser],
  ['de', 'ios', 'deleted', 'Du hast diese Nachricht gelöscht', null, exportParser],
  // Spanish
  ['es', 'android', 'omitted', '<Multimedia omitido>', 'media', chatAnalytics],
  ['es', 'android', 'omitted', '<Archivo omitido>', 'media', chatAnalytics],
  ['es', 'android', 'file_attached', 'archivo adjunto', null, whatsReader],
  ['es', 'ios', 'omitted', 'imagen omitida', 'image', chatAnalytics],
  ['es', 'ios', 'omitted', 'video omitido', 'video', chatAnalytics],
  ['es', 'ios', 'omitted', 'audio omitido', 'audio', chatAnalytics],
  ['es', 'ios', 'omitted', 'sticker omitido', 'sticker', chatAnalytics],
  ['es', 'ios', 'omitted', 'GIF omitido', 'gif', chatAnalytics],
  ['es', 'ios', 'omitted', 'documento omitido', 'document', chatAnalytics],
  ['es', 'ios', 'omitted', 'Tarjeta de contacto omitida', 'contact', exportParser],
  ['es', 'ios', 'attached_tag', 'adjunto', null, whatsReaderIos],
  ['es', 'ios', 'deleted', 'Se eliminó este mensaje', null, exportParser],
  ['es', 'ios', 'deleted', 'Eliminaste este mensaje', null, exportParser],
  // French
  ['fr', 'android', 'omitted', '<Médias omis>', 'media', chatAnalytics],
  ['fr', 'android', 'omitted', '<Fichier omis>', 'media', chatAnalytics],
  ['fr', 'android', 'file_attached', 'fichier joint', null, whatsReader],
  ['fr', 'ios', 'omitted', 'image absente', 'image', exportParser],
  ['fr', 'ios', 'omitted', 'image omise', 'image', qualichat],
  ['fr', 'ios', 'omitted', 'vidéo absente', 'video', exportParser],
  ['fr', 'ios', 'omitted', 'vidéo omise', 'video', qualichat],
  ['fr', 'ios', 'omitted', 'audio omis', 'audio', exportParser],
  ['fr', 'ios', 'omitted', 'sticker omis', 'sticker', exportParser],
  ['fr', 'ios', 'omitted', 'autocollant omis', 'sticker', qualichat],
  ['fr', 'ios', 'omitted', 'GIF retiré', 'gif', exportParser],
  ['fr', 'ios', 'omitted', 'document manquant', 'document', exportParser],
  ['fr', 'ios', 'omitted', 'document omis', 'document', qualichat],
  ['fr', 'ios', 'omitted', 'Fiche contact manquante', 'contact', exportParser],
  ['fr', 'ios', 'attached_tag', 'pièce jointe', null, whatsReaderIos],
  ['fr', 'ios', 'deleted', 'Ce message a été supprimé', null, exportParser],
  ['fr', 'ios', 'deleted', 'Vous avez supprimé ce message', null, exportParser],
  // Portuguese (Brazil and Portugal)
  ['pt', 'android', 'omitted', '<Mídia oculta>', 'media', qualichat],
  ['pt', 'android', 'omitted', '<Mídia omitida>', 'media', chatAnalytics],
  ['pt', 'android', 'omitted', '<ficheiro não revelado>', 'media', chatAnalytics],
  ['pt', 'android', 'file_attached', 'arquivo anexado', null, whatsReader],
  ['pt', 'ios', 'omitted', 'imagem ocultada', 'image', qualichat],
  ['pt', 'ios', 'omitted', 'imagem não revelada', 'image', exportParser],
  ['pt', 'ios', 'omitted', 'vídeo omitido', 'video', qualichat],
  ['pt', 'ios', 'omitted', 'vídeo não revelado', 'video', exportParser],
  ['pt', 'ios', 'omitted', 'áudio ocultado', 'audio', qualichat],
  ['pt', 'ios', 'omitted', 'ficheiro de áudio não revelado', 'audio', exportParser],
  ['pt', 'ios', 'omitted', 'figurinha omitida', 'sticker', qualichat],
  ['pt', 'ios', 'omitted', 'sticker não revelado', 'sticker', exportParser],
  ['pt', 'ios', 'omitted', 'GIF não revelada', 'gif', exportParser],
  ['pt', 'ios', 'omitted', 'documento não revelado', 'document', exportParser],
  ['pt', 'ios', 'omitted', 'Cartão do contato omitido', 'contact', qualichat],
  ['pt', 'ios', 'omitted', 'Contacto não revelado', 'contact', exportParser],
  ['pt', 'ios', 'attached_tag', 'anexo', null, whatsReaderIos],
  ['pt', 'ios', 'attached_tag', 'anexado', null, whatsReaderIos],
  ['pt', 'ios', 'deleted', 'Esta mensagem foi apagada', null, exportParser],
  ['pt', 'ios', 'deleted', 'Apagou esta mensagem', null, exportParser],
  // Italian
  ['it', 'android', 'omitted', '<Media omessi>', 'media', chatAnalytics],
  ['it', 'android', 'omitted', '<Media omesso>', 'media', chatAnalytics],
  ['it', 'android', 'omitted', '<Media eliminati>', 'media', whatsReader],
  ['it', 'android', 'file_attached', 'file allegato', null, whatsReader],
  ['it', 'ios', 'omitted', 'immagine omessa', 'image', exportParser],
  ['it', 'ios', 'omitted', 'video omesso', 'video', exportParser],
  ['it', 'ios', 'omitted', 'audio omesso', 'audio', exportParser],
  ['it', 'ios', 'omitted', 'sticker non incluso', 'sticker', exportParser],
  ['it', 'ios', 'omitted', 'adesivo omesso', 'sticker', qualichat],
  ['it', 'ios', 'omitted', 'GIF esclusa', 'gif', exportParser],
  ['it', 'ios', 'omitted', 'GIF omessa', 'gif', qualichat],
  ['it', 'ios', 'omitted', 'documento omesso', 'document', exportParser],
  ['it', 'ios', 'omitted', 'Scheda contatto omessa', 'contact', exportParser],
  ['it', 'ios', 'attached_tag', 'allegato', null, whatsReaderIos],
  ['it', 'ios', 'deleted', 'Questo messaggio è stato eliminato', null, exportParser],
  ['it', 'ios', 'deleted', 'Hai eliminato questo messaggio', null, exportParser],
  // Dutch
  ['nl', 'android', 'omitted', '<Media weggelaten>', 'media', chatAnalytics],
  ['nl', 'android', 'file_attached', 'bestand bijgevoegd', null, whatsReader],
  ['nl', 'ios', 'omitted', 'afbeelding weggelaten', 'image', dutchParsers],
  ['nl', 'ios', 'omitted', 'video weggelaten', 'video', dutchParsers],
  ['nl', 'ios', 'omitted', 'audio weggelaten', 'audio', dutchParsers],
  ['nl', 'ios', 'omitted', 'sticker weggelaten', 'sticker', dutchParsers],
  ['nl', 'ios', 'omitted', 'GIF weggelaten', 'gif', dutchParsers],
  ['nl', 'ios', 'omitted', 'document weggelaten', 'document', dutchParsers],
  ['nl', 'ios', 'attached_tag', 'bijgevoegd', null, whatsReaderIos],
  ['nl', 'ios', 'deleted', 'Dit bericht is verwijderd', null, dutchDeleted],
];

/**
 * The localized strings WhatsApp writes for media and deleted messages, per
 * locale and app, each with where it was seen. The media markers and the
 * deleted-message check are built from this table and nothing else, so a
 * string seen in a new export is added here.
 *
 * @example
 * localizedMarkers.filter((marker) => marker.locale === 'de' && marker.shape === 'omitted');
 */
export const localizedMarkers: readonly LocalizedMarker[] = Object.freeze(
  rows.map(([locale, platform, shape, text, kind, source]) =>
    Object.freeze({ locale, platform, shape, text, kind, source }),
  ),
);
