import type { FetchMessageObject, ImapFlow } from 'imapflow';
import { decodeTextPart, maxTextBytes, type TextPart, textPartOf } from './text-part';

/**
 * The plain-text parts of a batch of messages, at most `maxTextBytes` each:
 * one FETCH per distinct part number (`1`, `1.1`), not one per message.
 * Run after the batch's metadata FETCH completes: imapflow runs one command
 * at a time, and a FETCH issued inside another's iteration never starts.
 *
 * @example
 * const texts = await fetchTextParts(client, await client.fetchAll(uids, query, { uid: true }));
 * texts.get(42)?.text;
 */
export async function fetchTextParts(
  client: ImapFlow,
  messages: readonly FetchMessageObject[],
): Promise<Map<number, TextPart>> {
  const byPart = new Map<string, FetchMessageObject[]>();
  for (const message of messages) {
    const location = textPartOf(message.bodyStructure);
    if (location === null) continue;
    const group = byPart.get(location.part);
    if (group === undefined) byPart.set(location.part, [message]);
    else group.push(message);
  }
  const texts = new Map<number, TextPart>();
  for (const [part, group] of byPart) {
    const fetched = await client.fetchAll(
      group.map((message) => message.uid).join(','),
      // One byte past the limit tells a part that fits from one that was cut.
      { uid: true, bodyParts: [{ key: part, maxLength: maxTextBytes + 1 }] },
      { uid: true },
    );
    const structures = new Map(group.map((message) => [message.uid, message.bodyStructure]));
    for (const message of fetched) {
      const location = textPartOf(structures.get(message.uid));
      const [raw] = message.bodyParts?.values() ?? [];
      if (location !== null && raw !== undefined)
        texts.set(message.uid, decodeTextPart(raw, location));
    }
  }
  return texts;
}
