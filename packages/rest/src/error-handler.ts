import { ConnError, type ErrorBody } from '@conn/setup-engine';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { httpStatusByCategory } from './http-status';

/** Sends the one error shape of the REST surface. */
export function sendError(reply: FastifyReply, error: ConnError): FastifyReply {
  const body: ErrorBody = { error: error.toJSON() };
  const retryAfter = error.details?.retry_after_seconds;
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  return reply.status(httpStatusByCategory[error.category]).type('application/json').send(body);
}

/** Fastify's own error codes, mapped to conn codes (never leaking internals). */
function fromFastifyError(error: FastifyError): ConnError {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const problems = error.validation.map((issue) => {
      // Keys the caller made up stay out of the answer: only identifier-like path segments show.
      const where = issue.instancePath
        .replace(/^\//, '')
        .split('/')
        .filter((segment) => segment !== '')
        .map((segment) => (/^[A-Za-z0-9_]{1,64}$/.test(segment) ? segment : '*'))
        .join('.');
      const message = issue.keyword === 'unrecognized_keys' ? 'unknown field' : issue.message;
      return `${error.validationContext ?? 'body'}${where ? `.${where}` : ''}: ${message}`;
    });
    return new ConnError('invalid_request', `The request is invalid: ${problems.join('; ')}`, {
      problems,
    });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ConnError(
        'payload_too_large',
        'The request body is larger than this route accepts.',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ConnError('invalid_request', 'This route does not accept that content type.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ConnError('invalid_request', 'The JSON body is empty.');
  }
  if (error.statusCode === 429) {
    return new ConnError('rate_limited', 'Too many requests. Wait a minute and try again.');
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new ConnError('invalid_request', 'The body is not valid JSON.');
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new ConnError('invalid_request', 'The request could not be read.');
  }
  return new ConnError('internal_error', 'Something went wrong on the server. It has been logged.');
}

/** Installs the error handler: every failure leaves as `{ error: { code, message } }`. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const connError = error instanceof ConnError ? error : fromFastifyError(error);
    if (connError.category === 'unavailable') {
      // The server's state, not the caller's fault: the operator sees it once per request.
      request.log.warn({ code: connError.code }, 'request refused: unavailable');
    } else if (connError.category === 'internal') {
      // Log the cause for the operator; the response says nothing about it.
      request.log.error(
        { err: { type: error.name, code: error.code, message: error.message } },
        'request failed',
      );
    }
    return sendError(reply, connError);
  });
}

/** Installs a not-found handler that answers in the same error shape. */
export function installNotFoundHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      // The path is the caller's input: say what is missing without quoting it.
      new ConnError('route_not_found', `No route answers ${request.method} at this path.`),
    ),
  );
}
