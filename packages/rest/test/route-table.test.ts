import type { Services } from '@conn/services';
import { type ContractRoute, contractRoutes } from '@conn/setup-engine';
import Fastify, { type RouteOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { connRest } from '../src/rest-plugin';

/** Registering routes touches no service: an empty stand-in is enough. */
const services = {} as unknown as Services;

async function registeredRoutes(): Promise<RouteOptions[]> {
  const seen: RouteOptions[] = [];
  const app = Fastify();
  app.addHook('onRoute', (route) => {
    seen.push(route);
  });
  await app.register(connRest, { services, publicOrigin: 'http://127.0.0.1:7777' });
  await app.ready();
  await app.close();
  // Fastify adds a HEAD twin for every GET; the contract names the GET.
  return seen.filter((route) => route.method !== 'HEAD');
}

function methodOf(route: ContractRoute): string {
  return route.method === 'ALL' ? 'ALL' : route.method;
}

function keyOf(method: RouteOptions['method'], url: string): string {
  return `${Array.isArray(method) ? 'ALL' : String(method)} ${url}`;
}

describe('the REST plugin and the contract route table', () => {
  it('registers exactly the routes of the table, each once', async () => {
    const registered = (await registeredRoutes()).map((route) => keyOf(route.method, route.url));
    const table = contractRoutes.map((route) => `${methodOf(route)} ${route.path}`);
    expect([...registered].sort()).toEqual([...table].sort());
    expect(new Set(registered).size).toBe(registered.length);
  });

  it('gives every route the schemas, success status and principals of its table entry', async () => {
    const registered = new Map(
      (await registeredRoutes()).map((route) => [keyOf(route.method, route.url), route]),
    );
    for (const entry of contractRoutes) {
      const route = registered.get(`${methodOf(entry)} ${entry.path}`);
      expect(route, entry.operationId).toBeDefined();
      const schema = (route?.schema ?? {}) as Record<string, unknown>;
      expect(schema.operationId).toBe(entry.operationId);
      expect(schema.params).toBe(entry.params);
      expect(schema.querystring).toBe(entry.querystring);
      expect(schema.headers).toBe(entry.headers);
      expect(schema.body).toBe(entry.body);
      const responses = schema.response as Record<number, unknown> | undefined;
      if (entry.response === null) expect(responses).toBeUndefined();
      else expect(responses).toEqual({ [entry.status]: entry.response });
      const auth = (route?.config as { auth?: readonly string[] } | undefined)?.auth ?? [];
      expect(auth, entry.operationId).toEqual(entry.auth);
    }
  });
});
