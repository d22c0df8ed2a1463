import type { LoggerOptions } from 'pino';

/**
 * pino settings for conn-server: request ids on every line, and the headers
 * that carry credentials (bearer tokens, session cookies) censored wherever
 * they appear in a logged object.
 */
export function serverLoggerOptions(level: LoggerOptions['level']): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        'headers.authorization',
        'headers.cookie',
      ],
      censor: '[redacted]',
    },
  };
}
