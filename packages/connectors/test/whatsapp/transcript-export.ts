import { Readable } from 'node:stream';
import type { WhatsappExport } from '../../src/whatsapp/whatsapp-export';

/**
 * A .txt export whose transcript is `text`, cut into small chunks so lines
 * also arrive split across reads, as from a file.
 *
 * @example
 * const { shape } = await analyzeTranscript(transcriptExport('[31/12/2023, 21:41:05] Alice: hi\n'), signal);
 */
export function transcriptExport(text: string): WhatsappExport {
  const bytes = Buffer.from(text, 'utf8');
  const chunks = () => {
    const out: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 61) out.push(bytes.subarray(at, at + 61));
    return out;
  };
  return {
    container: 'txt',
    transcriptName: '_chat.txt',
    looksLikeJson: false,
    openTranscript: async () => Readable.from(chunks()),
    media: new Map(),
    openMedia: async () => {
      throw new RangeError('A generated transcript holds no media.');
    },
    close: () => {},
  };
}
