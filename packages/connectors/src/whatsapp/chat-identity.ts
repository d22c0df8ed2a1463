import { createHash } from 'node:crypto';
import type { TranscriptShape } from './analyze-transcript';
import { chatNameFromFileName } from './chat-name';

/** A chat's name and the record key every record of it hangs off. */
export interface ChatIdentity {
  name: string;
  /** True when the name came from the export itself (file names, the group's name), not from its participants. */
  named: boolean;
  id: string;
}

function participantsName(participants: readonly string[]): string | null {
  if (participants.length === 0) return null;
  if (participants.length === 1) return participants[0]!;
  if (participants.length <= 3)
    return `${participants.slice(0, -1).join(', ')} & ${participants.at(-1)!}`;
  return `${participants.slice(0, 2).join(', ')} & ${participants.length - 2} others`;
}

/**
 * Names a chat from what the export says — the transcript's file name in a
 * .zip (`WhatsApp Chat with Family.txt`), the uploaded file's name, the group
 * name iOS writes on system lines, else its participants (`Alice & Bob`) —
 * and derives its key from that name and the first message's time, so
 * importing the same export again yields the same key.
 *
 * @example
 * chatIdentity(shape, { transcriptName: '_chat.txt', uploadName: 'WhatsApp Chat - Family.zip' });
 * // { name: 'Family', named: true, id: 'wa-chat-3f9c…' }
 */
export function chatIdentity(
  shape: Pick<TranscriptShape, 'firstSentAt' | 'systemLabel' | 'participants'>,
  files: { transcriptName: string; uploadName: string },
): ChatIdentity {
  const given =
    chatNameFromFileName(files.transcriptName) ??
    chatNameFromFileName(files.uploadName) ??
    shape.systemLabel;
  const name = given ?? participantsName(shape.participants) ?? 'WhatsApp chat';
  const digest = createHash('sha256').update(`${name}\n${shape.firstSentAt}`).digest('hex');
  return { name, named: given !== null, id: `wa-chat-${digest.slice(0, 20)}` };
}
