/**
 * Owner-openable console pages an intent or a reconnect points at. The console
 * serves these paths; an agent relays the URL to the owner. Null when the
 * server does not know its public origin.
 *
 * @example
 * consoleUrls.intent('https://conn.example.com', 'int_123'); // 'https://conn.example.com/setup/intents/int_123'
 */
export const consoleUrls = Object.freeze({
  intent: (origin: string | null, intentId: string): string | null =>
    origin === null ? null : `${trim(origin)}/setup/intents/${intentId}`,
  connection: (origin: string | null, connectionId: string): string | null =>
    origin === null ? null : `${trim(origin)}/connections/${connectionId}/setup`,
});

function trim(origin: string): string {
  return origin.replace(/\/+$/, '');
}
