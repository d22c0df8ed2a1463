import { ConnError } from '@conn/setup-engine';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './auth/principal';

type OwnerSide = Extract<Principal, { kind: 'owner' | 'agent' }>;
type CollectorSide = Extract<Principal, { kind: 'collector' }>;

/** The owner-side principal (owner session or owner agent) the auth hook resolved. */
export function ownerOf(request: FastifyRequest): OwnerSide {
  const principal = request.principal;
  if (principal === null || principal.kind === 'collector') {
    throw new ConnError('forbidden', 'This route is for the owner and owner agents.');
  }
  return principal;
}

/** The collector principal the auth hook resolved. */
export function collectorOf(request: FastifyRequest): CollectorSide {
  const principal = request.principal;
  if (principal === null || principal.kind !== 'collector') {
    throw new ConnError('forbidden', 'This route takes a collector token.');
  }
  return principal;
}
