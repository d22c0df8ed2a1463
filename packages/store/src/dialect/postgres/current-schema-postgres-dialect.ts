import { type DatabaseIntrospector, type Driver, type Kysely, PostgresDialect } from 'kysely';
import { UnavailableAwareDriver } from '../unavailable-aware-driver';
import { CurrentSchemaIntrospector } from './current-schema-introspector';

/**
 * kysely's PostgreSQL dialect whose introspection (and so the Migrator's "does
 * my table exist" checks) sees only the store's schema; see
 * {@link CurrentSchemaIntrospector}. A lost database surfaces as
 * `database_unavailable` ({@link UnavailableAwareDriver}).
 *
 * @example
 * new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
 */
export class CurrentSchemaPostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    return new UnavailableAwareDriver(super.createDriver());
  }

  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}
