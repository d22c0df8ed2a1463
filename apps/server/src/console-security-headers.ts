import type { FastifyReply } from 'fastify';

/**
 * The console's Content-Security-Policy: scripts, styles and requests only
 * from this server (no inline script), no framing, no plugins, forms only back
 * to this server. The OAuth step leaves by navigation, which this allows.
 */
export const consoleContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Sets the headers every console response carries. */
export function setConsoleSecurityHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', consoleContentSecurityPolicy);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  // Page URLs carry connection ids; nothing of them goes to a provider a help link opens.
  reply.header('referrer-policy', 'no-referrer');
}
