import type { Collector } from '@conn/connectors';
import { NotesPageSchema, NotesUserSchema, notesGet } from './notes-api';

/**
 * Step 3: the collector. It emits records per stream in batches, reports
 * progress, and returns its counts. The account record comes first, so an
 * account with no notes still turns active with a record. A page number is
 * the checkpoint: a run the server resumes after a restart starts from
 * `cursor` instead of the first page.
 */
export const notesCollector: Collector = async (input) => {
  const me = NotesUserSchema.parse(await (await notesGet('/me', input)).json());
  await input.emit('account', [{ id: me.id, username: me.username }]);
  let notes = 0;
  let page: number | null = input.cursor ? Number(input.cursor) : 1;
  while (page !== null) {
    const body = NotesPageSchema.parse(await (await notesGet(`/notes?page=${page}`, input)).json());
    page = body.next_page;
    await input.emit(
      'notes',
      body.notes.map((note) => ({ id: note.id, title: note.title, text: note.text })),
      page === null ? undefined : String(page),
    );
    notes += body.notes.length;
    input.progress('Reading notes', { notes, account: 1 });
  }
  return { counts: { notes, account: 1 } };
};
