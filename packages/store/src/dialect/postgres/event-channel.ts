/**
 * The NOTIFY channel of this database schema's outbox, as a SQL expression:
 * each schema (one deployment, or one test) wakes only its own listeners.
 * Hashed, since a channel name is limited to 63 bytes and a schema name may
 * use all of them.
 */
export const eventChannelExpression = "'conn_events_' || md5(current_schema())";
