import { type RawBuilder, sql } from 'kysely';
import type { Store } from '../src/store';

/** How a planted value was found: as given, or in a reversible encoding of it. */
export type PlaintextForm = 'plain' | 'hex' | 'base64' | 'base64url';

/** One column where the needle occurs, and in how many rows. */
export interface PlaintextHit {
  readonly table: string;
  readonly column: string;
  readonly form: PlaintextForm;
  readonly rows: number;
}

// Base64 of a value depends on its byte offset in the surrounding text: take
// the characters that encode only the needle, at each of the three offsets.
function base64Fragments(needle: Buffer): string[] {
  const fragments: string[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad), needle]).toString('base64');
    const start = [0, 2, 3][pad] ?? 0;
    const end = Math.floor(((pad + needle.length) * 8) / 6);
    const fragment = encoded.slice(start, end);
    // Short fragments would match by chance; a canary is long enough to skip none.
    if (fragment.length >= 8) fragments.push(fragment);
  }
  return fragments;
}

function forms(needle: string): { form: PlaintextForm; value: string }[] {
  const bytes = Buffer.from(needle, 'utf8');
  const base64 = base64Fragments(bytes);
  return [
    { form: 'plain', value: needle },
    { form: 'hex', value: bytes.toString('hex') },
    ...base64.map((value) => ({ form: 'base64' as const, value })),
    ...base64
      .map((value) => ({
        form: 'base64url' as const,
        value: value.replace(/\+/g, '-').replace(/\//g, '_'),
      }))
      .filter(({ value }) => !base64.includes(value)),
  ];
}

/**
 * Every place a value occurs in the database's plaintext: each column of each
 * table (kysely's own included), read as text, searched for the needle and for
 * its hex and base64/base64url encodings (an encoded secret is still a leak).
 * Resolves `[]` when the value is nowhere. The secret canary tests plant a
 * distinctive secret through every setup path and expect `[]` here.
 *
 * @example
 * expect(await scanAllText(store, canary)).toEqual([]);
 */
export async function scanAllText(store: Store, needle: string): Promise<PlaintextHit[]> {
  if (needle.length < 4) throw new Error('Scan for a distinctive value of 4 characters or more.');
  const { db } = store;
  // On PostgreSQL the store's introspection covers its own schema only.
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  const searches = forms(needle);
  const hits: PlaintextHit[] = [];
  for (const table of tables) {
    const from = sql.table(table.name);
    for (const column of table.columns) {
      const text = sql`cast(${sql.ref(column.name)} as text)`;
      for (const { form, value } of searches) {
        const contains: RawBuilder<unknown> =
          store.dialect === 'postgres'
            ? sql`strpos(${text}, ${value}) > 0`
            : sql`instr(${text}, ${value}) > 0`;
        const result = await sql<{
          n: number | string;
        }>`select count(*) as n from ${from} where ${contains}`.execute(db);
        const rows = Number(result.rows[0]?.n ?? 0);
        if (rows > 0) hits.push({ table: table.name, column: column.name, form, rows });
      }
    }
  }
  return hits;
}
