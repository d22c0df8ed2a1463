import type { ArtifactReading } from '@conn/setup-engine';
import { attachmentMarker } from './attachment-marker';
import { type ChatLineHeader, parseChatLine, type WhatsappPlatform } from './chat-line';
import { splitAuthor, withoutBidiMarks } from './chat-message';
import {
  type DateOrder,
  DateOrderDetector,
  type DateOrderSource,
  headerLocalTime,
} from './date-order';
import { dateOrderReading } from './date-order-reading';
import { readTextLines } from './read-text-lines';
import type { WhatsappExport } from './whatsapp-export';

/** What a first read of a transcript found, which the second read (the messages) relies on. */
export interface TranscriptShape {
  platform: WhatsappPlatform;
  dateOrder: DateOrder;
  dateOrderSource: DateOrderSource;
  /** The date-order guess in owner words with the other way to read it, or null when nothing is to choose. */
  dateOrderReading: ArtifactReading | null;
  /** Lines that start a message. */
  messageLines: number;
  /** The first message's local time under the detected date order. */
  firstSentAt: string;
  /** Media file names the messages reference (`IMG-20231231-WA0001.jpg`). */
  referencedFiles: ReadonlySet<string>;
  /** The name iOS puts on system lines (a group's name), if any. */
  systemLabel: string | null;
  /** Authors in order of first appearance. */
  participants: readonly string[];
}

class PlatformTally {
  headers = 0;
  readonly detector = new DateOrderDetector();
  readonly first: ChatLineHeader[] = [];
  readonly referenced = new Set<string>();
  readonly participants = new Set<string>();
  systemLabel: string | null = null;

  observe(header: ChatLineHeader): void {
    this.headers += 1;
    this.detector.observe(header);
    // The first few, so the first one with a real date survives the date order decided later.
    if (this.first.length < 16) this.first.push(header);
    const message = splitAuthor(header.rest, header.platform);
    if (message.author !== null) this.participants.add(message.author);
    this.systemLabel ??= message.system_label;
    const fileName = attachmentMarker(withoutBidiMarks(message.text))?.marker.file_name;
    if (fileName) this.referenced.add(fileName);
  }
}

/**
 * Reads a transcript once to learn its shape before any record is made: the
 * platform layout (by majority of message lines), the date order (see
 * `DateOrderDetector`), the first message time, the media it references and
 * who writes in it. Resolves `{ lines: 0 }` for an empty transcript and
 * `{ lines }` without a shape when no line starts a message. An owner's
 * `dateOrder` (picked at import) replaces the detected day/month order.
 *
 * @example
 * const { shape } = await analyzeTranscript(chat, signal);
 * shape?.dateOrder; // 'month_first'
 */
export async function analyzeTranscript(
  chat: WhatsappExport,
  signal: AbortSignal,
  picked: { dateOrder?: 'day_first' | 'month_first' | null } = {},
): Promise<{ lines: number; shape: TranscriptShape | null }> {
  const tallies: Record<WhatsappPlatform, PlatformTally> = {
    android: new PlatformTally(),
    ios: new PlatformTally(),
  };
  let lines = 0;
  for await (const line of readTextLines(await chat.openTranscript(), signal)) {
    if (line.trim() !== '') lines += 1;
    const header = parseChatLine(line);
    if (header !== null) tallies[header.platform].observe(header);
  }
  const platform: WhatsappPlatform =
    tallies.ios.headers > tallies.android.headers ? 'ios' : 'android';
  const tally = tallies[platform];
  if (tally.headers === 0) return { lines, shape: null };
  const decision = tally.detector.result();
  // An owner's pick applies to day/month files only: year-first dates read one way.
  const owned = picked.dateOrder != null && decision.order !== 'year_first';
  const order: DateOrder = owned ? picked.dateOrder! : decision.order;
  const source: DateOrderSource = owned ? 'owner' : decision.source;
  const firstSentAt =
    tally.first.map((header) => headerLocalTime(header, order)).find((time) => time !== null) ??
    null;
  if (firstSentAt === null) return { lines, shape: null };
  return {
    lines,
    shape: {
      platform,
      dateOrder: order,
      dateOrderSource: source,
      dateOrderReading: dateOrderReading(decision),
      messageLines: tally.headers,
      firstSentAt,
      referencedFiles: tally.referenced,
      systemLabel: tally.systemLabel,
      participants: [...tally.participants],
    },
  };
}
