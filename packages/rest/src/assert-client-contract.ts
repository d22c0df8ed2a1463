import { ConnError, contractVersionHeader, minimumClientContractVersion } from '@conn/setup-engine';
import type { FastifyRequest } from 'fastify';

/**
 * Refuses a client built against a contract older than this server answers,
 * with a message that tells the owner what to do. Clients that send no
 * version (curl, scripts) are served as they are.
 */
export function assertClientContract(request: FastifyRequest): void {
  const sent = request.headers[contractVersionHeader];
  if (sent === undefined) return;
  const version = typeof sent === 'string' && /^\d{1,6}$/.test(sent) ? Number(sent) : Number.NaN;
  if (Number.isNaN(version)) {
    throw new ConnError(
      'invalid_request',
      'The client sent a contract version that is not a number.',
    );
  }
  if (version < minimumClientContractVersion) {
    throw new ConnError(
      'client_outdated',
      'This conn client is older than this server supports. Update your conn CLI or SDK, then try again.',
      { client_contract_version: version, minimum_contract_version: minimumClientContractVersion },
    );
  }
}
