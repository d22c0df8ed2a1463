import {
  type ContractRoute,
  type ContractTag,
  contractRoutes,
  contractSchemas,
  contractTags,
} from '@conn/setup-engine';
import type { SwaggerOptions } from '@fastify/swagger';
import {
  createJsonSchemaTransform,
  createJsonSchemaTransformObject,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponsesOf } from './error-responses';
import { securityOf, securitySchemes } from './security-schemes';
import { tidyDocument } from './tidy-document';

/** What the host says about itself in the document. */
export interface ContractOpenApiOptions {
  title?: string;
  description?: string;
  /** The package version the document describes. */
  version: string;
  /** Where the API is reached (the public origin). */
  servers: readonly string[];
  /** Tags of the host's own documented routes (health, readiness), with their one line. */
  hostTags?: Readonly<Record<string, string>>;
}

const hiddenTags: ReadonlySet<ContractTag> = new Set(['mcp']);
const byOperationId = new Map(contractRoutes.map((route) => [route.operationId, route]));
const rawRoutes = contractRoutes.filter((route) => route.bodyKind === 'raw');

const binaryBody = {
  required: true,
  description: 'The file itself, streamed; its name percent-encoded in `x-conn-file-name`.',
  content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
};

const toZodPaths = createJsonSchemaTransform({ schemaRegistry: contractSchemas, skipList: [] });
const withComponents = createJsonSchemaTransformObject({ schemaRegistry: contractSchemas });

/**
 * The @fastify/swagger options that turn the contract's route table into an
 * OpenAPI 3.1 document: operationId, summary, description and tag per route;
 * security from its principals; the shared error body on every refusal it
 * can answer; named components for the shared shapes; the upload's binary
 * body. Routes outside the contract are left out unless the host tags them;
 * `/mcp` is left out.
 *
 * @example
 * await app.register(fastifySwagger, contractOpenApi({ version, servers: [publicOrigin] }));
 */
export function contractOpenApi(options: ContractOpenApiOptions): SwaggerOptions {
  const tags = [
    ...(Object.entries(contractTags) as [ContractTag, string][])
      .filter(([name]) => !hiddenTags.has(name))
      .map(([name, description]) => ({ name, description })),
    ...Object.entries(options.hostTags ?? {}).map(([name, description]) => ({ name, description })),
  ];
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: options.title ?? 'conn',
        version: options.version,
        description:
          options.description ?? 'Owner-mediated connection setup for a personal-data server.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: options.servers.map((url) => ({ url })),
      tags,
      components: { securitySchemes },
    },
    transform: (input) => {
      const schema = input.schema as { operationId?: string; tags?: string[] } | undefined;
      const route =
        schema?.operationId === undefined ? undefined : byOperationId.get(schema.operationId);
      if (route === undefined) {
        // The host's own routes appear only when it tagged them (health, readiness).
        // Their schemas are plain JSON schemas, documented as they are.
        if (schema?.tags === undefined) return { schema: { hide: true }, url: input.url };
        return { schema: input.schema, url: input.url };
      }
      if (hiddenTags.has(route.tag)) return { schema: { hide: true }, url: input.url };
      const transformed = toZodPaths({
        ...input,
        schema: documented(route, input.schema as object),
      });
      if (route.response === null) {
        // No JSON answer: a description only (the zod transform needs a schema per response).
        const responses = (transformed.schema as { response: Record<number, unknown> }).response;
        responses[route.status] = { type: 'null', description: route.summary };
      }
      return transformed;
    },
    transformObject: (input) => {
      const document = withComponents(input) as {
        paths?: Record<string, Record<string, { requestBody?: unknown }>>;
      };
      for (const route of rawRoutes) {
        const operation = document.paths?.[openApiPath(route.path)]?.[route.method.toLowerCase()];
        if (operation !== undefined) operation.requestBody = binaryBody;
      }
      return tidyDocument(document) as ReturnType<typeof withComponents>;
    },
  };
}

/** A contract route's Fastify schema with what the document says beyond validation. */
function documented(route: ContractRoute, schema: object): object {
  const success =
    route.response === null
      ? {}
      : {
          [route.status]: {
            description: route.summary,
            content: {
              'application/json': { schema: route.response },
              ...(route.operationId === 'listEvents'
                ? { 'text/event-stream': { schema: z.string() } }
                : {}),
            },
          },
        };
  return {
    ...schema,
    tags: [route.tag],
    description: describe(route),
    security: securityOf(route.auth),
    response: { ...success, ...errorResponsesOf(route) },
  };
}

function describe(route: ContractRoute): string {
  const who = route.auth
    .map((kind) =>
      kind === 'owner'
        ? 'the owner'
        : kind === 'agent'
          ? 'an owner-agent token'
          : 'a device collector',
    )
    .join(' or ');
  return `${route.summary}. Called by ${who === '' ? 'anyone (no credentials)' : who}.`;
}

/** `/v1/owner/connections/:id` → `/v1/owner/connections/{id}`. */
function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}
