import {
  type ContractRoute,
  ErrorBodySchema,
  type ErrorCategory,
  type ErrorCode,
  errorCodes,
} from '@conn/setup-engine';
import { httpStatusByCategory } from '../http-status';

const meaning: Record<ErrorCategory, string> = {
  bad_input: 'The request is invalid',
  unauthenticated: 'No valid session or token',
  forbidden: 'This caller may not do this',
  not_found: 'No such resource for this owner',
  conflict: 'The change conflicts with the current state',
  too_large: 'The body is larger than this route accepts',
  headers_too_large: 'The request headers are too large',
  timeout: 'The request did not arrive in time',
  rejected: 'Refused by the provider or by validation; nothing was stored',
  rate_limited: 'Too many attempts; wait and try again',
  unavailable: 'The server cannot do this right now (database, key or provider)',
  internal: 'Something went wrong on the server',
};

/**
 * The refusals a route can answer, derived from what it takes: every route
 * can be sent bad input and can find the server unavailable; authenticated
 * routes refuse strangers; routes naming a resource can miss it; changes can
 * conflict; bodies can be too large; plus what the route declares itself.
 */
export function errorCategoriesOf(route: ContractRoute): ErrorCategory[] {
  const categories = new Set<ErrorCategory>(['bad_input']);
  const takesBody = route.body !== undefined || route.bodyKind === 'raw';
  if (route.auth.length > 0) {
    categories.add('unauthenticated');
    categories.add('forbidden');
  }
  if (route.params !== undefined || takesBody) categories.add('not_found');
  if (route.method !== 'GET') categories.add('conflict');
  if (takesBody) categories.add('too_large');
  for (const extra of route.errors ?? []) categories.add(extra);
  categories.add('unavailable');
  categories.add('internal');
  return [...categories];
}

/**
 * The OpenAPI responses for a route's refusals: one per HTTP status, each
 * the shared error body, described with the codes it can carry.
 */
export function errorResponsesOf(route: ContractRoute): Record<number, unknown> {
  const responses: Record<number, { categories: ErrorCategory[] }> = {};
  for (const category of errorCategoriesOf(route)) {
    const status = httpStatusByCategory[category];
    responses[status] ??= { categories: [] };
    responses[status].categories.push(category);
  }
  return Object.fromEntries(
    Object.entries(responses).map(([status, { categories }]) => [
      status,
      {
        description: categories
          .map((category) => `${meaning[category]} (${codesOf(category).join(', ')}).`)
          .join(' '),
        content: { 'application/json': { schema: ErrorBodySchema } },
      },
    ]),
  );
}

function codesOf(category: ErrorCategory): string[] {
  return (Object.entries(errorCodes) as [ErrorCode, ErrorCategory][])
    .filter(([, of]) => of === category)
    .map(([code]) => `\`${code}\``);
}
