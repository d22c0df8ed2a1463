import { type Probe, ProviderError } from '@conn/connectors';
import { NotesUserSchema, notesGet } from './notes-api';

/**
 * Step 2 (optional for `static_secret`): a probe makes validation synchronous.
 * The owner's token is tried once, while they wait: a refusal resolves
 * `{ ok: false }` (the form says why and nothing is stored), an account
 * resolves its identity, echoed back as "Connected as …". An outage rejects
 * instead, so a token that was never judged is not refused.
 */
export const notesProbe: Probe = async (input) => {
  try {
    const response = await notesGet('/me', input);
    const user = NotesUserSchema.parse(await response.json());
    return { ok: true, identity: { account_id: String(user.id), label: user.username } };
  } catch (error) {
    if (error instanceof ProviderError && error.code === 'credential_rejected') {
      return { ok: false, message: error.message };
    }
    throw error;
  }
};
