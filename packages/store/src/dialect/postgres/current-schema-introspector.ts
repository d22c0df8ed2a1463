import {
  type ColumnMetadata,
  type DatabaseIntrospector,
  type DatabaseMetadataOptions,
  type Kysely,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely';
import { DEFAULT_MIGRATION_LOCK_TABLE, DEFAULT_MIGRATION_TABLE } from 'kysely/migration';

interface ColumnRow {
  table: string;
  table_type: string;
  schema: string;
  column: string;
  type: string;
  type_schema: string;
  not_null: boolean;
  has_default: boolean;
  auto_incrementing: string | null;
  column_description: string | null;
}

/**
 * kysely's PostgreSQL introspection, limited to the store's schema
 * (`current_schema()`). kysely's own looks at every schema on the server and
 * resolves each by name, so a schema dropped meanwhile by someone else (another
 * app, a parallel test run) fails the Migrator with "schema … does not exist";
 * on a server with many schemas it is also slow. The Migrator only ever asks
 * about the store's own tables.
 *
 * @example
 * class Dialect extends PostgresDialect {
 *   override createIntrospector(db: Kysely<unknown>) { return new CurrentSchemaIntrospector(db); }
 * }
 */
export class CurrentSchemaIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<unknown>;

  constructor(db: Kysely<unknown>) {
    this.#db = db;
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    const result = await sql<{
      name: string;
    }>`select nspname as name from pg_catalog.pg_namespace`.execute(this.#db);
    return result.rows.map((row) => ({ name: row.name }));
  }

  async getTables(
    options: DatabaseMetadataOptions = { withInternalKyselyTables: false },
  ): Promise<TableMetadata[]> {
    const internal = [DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE];
    const result = await sql<ColumnRow>`
      select c.relname as table, c.relkind as table_type, ns.nspname as schema,
             a.attname as column, typ.typname as type, dtns.nspname as type_schema,
             a.attnotnull as not_null, a.atthasdef as has_default,
             pg_get_serial_sequence(quote_ident(ns.nspname) || '.' || quote_ident(c.relname), a.attname)
               as auto_incrementing,
             col_description(a.attrelid, a.attnum) as column_description
      from pg_catalog.pg_attribute a
      join pg_catalog.pg_class c on a.attrelid = c.oid
      join pg_catalog.pg_namespace ns on c.relnamespace = ns.oid
      join pg_catalog.pg_type typ on a.atttypid = typ.oid
      join pg_catalog.pg_namespace dtns on typ.typnamespace = dtns.oid
      where ns.nspname = current_schema()
        and c.relkind in ('r', 'v', 'p', 'f')
        and a.attnum >= 0 and not a.attisdropped
        ${options.withInternalKyselyTables ? sql`` : sql`and c.relname not in (${sql.join(internal)})`}
      order by c.relname, a.attnum`.execute(this.#db);

    const tables = new Map<string, { meta: TableMetadata; columns: ColumnMetadata[] }>();
    for (const row of result.rows) {
      let table = tables.get(row.table);
      if (table === undefined) {
        const columns: ColumnMetadata[] = [];
        table = {
          columns,
          meta: {
            name: row.table,
            schema: row.schema,
            isView: row.table_type === 'v',
            isForeign: row.table_type === 'f',
            columns,
          },
        };
        tables.set(row.table, table);
      }
      table.columns.push({
        name: row.column,
        dataType: row.type,
        dataTypeSchema: row.type_schema,
        isNullable: !row.not_null,
        hasDefaultValue: row.has_default,
        isAutoIncrementing: row.auto_incrementing !== null,
        ...(row.column_description === null ? {} : { comment: row.column_description }),
      });
    }
    return [...tables.values()].map((table) => table.meta);
  }
}
