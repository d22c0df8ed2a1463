import { type DatabaseIntrospector, type Kysely, PostgresDialect } from 'kysely';
import { CurrentSchemaIntrospector } from './current-schema-introspector';

/**
 * kysely's PostgreSQL dialect whose introspection (and so the Migrator's "does
 * my table exist" checks) sees only the store's schema; see
 * {@link CurrentSchemaIntrospector}.
 *
 * @example
 * new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
 */
export class CurrentSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}
