import { ConnError } from '@conn/setup-engine';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './error-handler';

/** Router failures before any route or plugin hook runs, as conn errors that quote nothing. */
function fromRouterError(error: FastifyError): ConnError {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return new ConnError('invalid_request', 'The request path is not valid percent-encoding.');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ConnError(
        'invalid_request',
        'A path parameter is longer than any id conn issues.',
      );
    default:
      return new ConnError(
        'internal_error',
        'Something went wrong on the server. It has been logged.',
      );
  }
}

/**
 * Fastify's `frameworkErrors` option: a malformed percent-escape or an
 * over-long path parameter is answered in the one error shape, never with
 * Fastify's own body (which quotes the path). Pass it where the Fastify
 * instance is made; a plugin cannot set it.
 *
 * @example
 * const app = Fastify({ frameworkErrors, clientErrorHandler });
 */
export function frameworkErrors(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const connError = fromRouterError(error);
  if (connError.category === 'internal')
    request.log.error({ err: { code: error.code } }, 'router failed');
  void sendError(reply, connError);
}
