import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeTranscript } from '../../src/whatsapp/analyze-transcript';
import { attachmentMarker } from '../../src/whatsapp/attachment-marker';
import { parseChatLine } from '../../src/whatsapp/chat-line';
import { withoutBidiMarks } from '../../src/whatsapp/chat-message';
import { headerLocalTime } from '../../src/whatsapp/date-order';
import { readChatMessages } from '../../src/whatsapp/read-chat-messages';
import { generatedChatArbitrary, renderChat } from './generated-chat';
import { transcriptExport } from './transcript-export';

const signal = new AbortController().signal;

async function parse(text: string) {
  const chat = transcriptExport(text);
  const { shape } = await analyzeTranscript(chat, signal);
  if (shape === null) throw new Error('The generated transcript was not read as a chat.');
  const messages = [];
  for await (const message of readChatMessages(chat, shape, signal)) messages.push(message);
  return { shape, messages };
}

describe('a generated chat in any supported locale and format', () => {
  it('reads back as the messages it was written from', async () => {
    await fc.assert(
      fc.asyncProperty(generatedChatArbitrary({ decided: true }), async (chat) => {
        const { shape, messages } = await parse(renderChat(chat));
        expect(shape.platform).toBe(chat.format.platform);
        expect(shape.dateOrder).toBe(chat.format.order);
        expect(
          messages.map((message) => {
            const text = withoutBidiMarks(message.text);
            return {
              sent_at: message.sent_at,
              author: message.author,
              text,
              attachment: attachmentMarker(text)?.marker ?? null,
            };
          }),
        ).toEqual(chat.messages);
      }),
      { numRuns: 300 },
    );
  });

  it('reads every line of a file under one date order, the one its deciding line sets', async () => {
    await fc.assert(
      fc.asyncProperty(generatedChatArbitrary({ decided: false }), async (chat) => {
        const text = renderChat(chat);
        const lines = text.split(/\r?\n/);
        const { shape, messages } = await parse(text);
        for (const message of messages) {
          const header = parseChatLine(lines[message.line - 1]!);
          expect(header && headerLocalTime(header, shape.dateOrder)).toBe(message.sent_at);
        }
      }),
      { numRuns: 200 },
    );
  });
});
