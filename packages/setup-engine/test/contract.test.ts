import { describe, expect, it } from 'vitest';
import { contract, contractRoutes, fillPath, setupRoutes } from '../src/index';

describe('the contract route table', () => {
  it('names each operation once, and each method and path once', () => {
    const ids = contractRoutes.map((route) => route.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const places = contractRoutes.map((route) => `${route.method} ${route.path}`);
    expect(new Set(places).size).toBe(places.length);
    for (const [name, route] of Object.entries(contract)) expect(route.operationId).toBe(name);
  });

  it('gives every path parameter a params schema, and every route with a body a JSON or raw body', () => {
    for (const route of contractRoutes) {
      const named = [...route.path.matchAll(/:([a-z_]+)/g)].map((m) => m[1]);
      if (named.length > 0) expect(route.params, route.operationId).toBeDefined();
    }
    expect(contract.uploadArtifact.bodyKind).toBe('raw');
  });

  it('fills path templates with encoded values and refuses a missing one', () => {
    expect(fillPath(contract.getSetupStatus.path, { id: 'con 1/x' })).toBe(
      '/v1/owner/connections/con%201%2Fx/setup-status',
    );
    expect(() => fillPath(contract.getSetupStatus.path, {} as { id: string })).toThrow(/:id/);
    expect(fillPath(contract.listConnectors.path, {})).toBe('/v1/owner/connectors');
  });

  it('points plan actions at the table', () => {
    expect(setupRoutes.authorize('lab')).toEqual({
      method: 'POST',
      path: '/v1/owner/connectors/lab/authorize',
    });
    expect(setupRoutes.upload('chat export')).toEqual({
      method: 'POST',
      path: '/v1/owner/uploads?connector=chat%20export',
    });
    expect(setupRoutes.upload('a')).toBe(setupRoutes.upload('a'));
    expect(Object.isFrozen(setupRoutes.upload('a'))).toBe(true);
    expect(setupRoutes.credential('con_1').path).toBe('/v1/owner/connections/con_1/credential');
  });
});
