import { type ProbeInput, ProviderError } from '@conn/connectors';
import { z } from 'zod';
import { notesDefaultApiUrl } from './manifest';

/** The notes service's account; the collector copies only the fields it names into records. */
export const NotesUserSchema = z.looseObject({ id: z.number(), username: z.string() });

/** One page of `GET /notes`. */
export const NotesPageSchema = z.looseObject({
  notes: z.array(z.looseObject({ id: z.number(), title: z.string(), text: z.string() })),
  next_page: z.number().nullable(),
});

type NotesRequest = Pick<ProbeInput, 'fields' | 'secrets' | 'signal' | 'fetch'>;

/**
 * A GET on the notes API with the owner's token. Only the `fetch` handed in
 * reaches the network, so tests point the same code at a loopback fake; the
 * token is revealed here, at the point of use, and nowhere else.
 */
export async function notesGet(path: string, request: NotesRequest): Promise<Response> {
  const base = (request.fields.api_url || notesDefaultApiUrl).replace(/\/+$/, '');
  const token = request.secrets.token;
  if (token === undefined) throw new Error('the notes token is missing from the credential');
  const response = await request.fetch(`${base}${path}`, {
    headers: { authorization: `Bearer ${token.reveal()}` },
    signal: request.signal,
  });
  if (response.ok) return response;
  await response.body?.cancel();
  const facts = { provider: 'Notes', status: response.status };
  // A refused token asks the owner for a new one; anything else is worth a retry.
  if (response.status === 401 || response.status === 403) {
    throw new ProviderError(
      'credential_rejected',
      `Notes refused this token (${response.status}).`,
      facts,
    );
  }
  throw new ProviderError(
    'provider_unavailable',
    `Notes answered ${path} with ${response.status}.`,
    facts,
  );
}
