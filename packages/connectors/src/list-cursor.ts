import { z } from 'zod';

/**
 * Where a collector that reads paginated lists one after another stands: the
 * list it is on (`list`, an index into its own ordered lists; their count
 * means done) and the next page's URL in it (null: its first page).
 */
export interface ListCursor {
  list: number;
  next: string | null;
}

const ListCursorSchema = z.object({
  list: z.number().int().min(0),
  next: z.string().nullable(),
});

/**
 * A run checkpoint for such collectors. `decode` answers the start when the
 * cursor is absent, unreadable, or its page is not on `origin` (a stored URL
 * is followed with the credential, so only the provider's own origin is).
 *
 * @example
 * let at = listCursor.decode(input.cursor, new URL(apiUrl).origin, lists.length);
 * await input.emit('repositories', records, listCursor.encode({ list: 0, next }));
 */
export const listCursor = Object.freeze({
  encode(cursor: ListCursor): string {
    return JSON.stringify(cursor);
  },
  decode(raw: string | null | undefined, origin: string, lists: number): ListCursor {
    const start: ListCursor = { list: 0, next: null };
    if (raw === null || raw === undefined) return start;
    let parsed: ListCursor;
    try {
      const result = ListCursorSchema.safeParse(JSON.parse(raw));
      if (!result.success) return start;
      parsed = result.data;
    } catch {
      return start;
    }
    if (parsed.list > lists) return start;
    if (parsed.next !== null && !URL.canParse(parsed.next)) return start;
    if (parsed.next !== null && new URL(parsed.next).origin !== origin) return start;
    return parsed;
  },
});
