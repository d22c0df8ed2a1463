import { consolePaths } from '@conn/setup-engine';

/**
 * Owner-openable console pages an intent or a reconnect points at, on the
 * engine's one console URL scheme (`consolePaths`). An agent relays the URL
 * to the owner. Null when the server does not know its public origin.
 *
 * @example
 * consoleUrls.intent('https://conn.example.com', 'int_123'); // 'https://conn.example.com/console/setup/intents/int_123'
 */
export const consoleUrls = Object.freeze({
  intent: (origin: string | null, intentId: string): string | null =>
    origin === null ? null : `${trim(origin)}${consolePaths.intent(intentId)}`,
  connection: (origin: string | null, connectionId: string): string | null =>
    origin === null ? null : `${trim(origin)}${consolePaths.connectionSetup(connectionId)}`,
});

function trim(origin: string): string {
  return origin.replace(/\/+$/, '');
}
