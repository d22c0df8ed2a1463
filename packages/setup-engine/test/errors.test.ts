import { describe, expect, it } from 'vitest';
import {
  ConnError,
  ErrorBodySchema,
  type ErrorCode,
  ErrorCodeSchema,
  errorCategories,
  errorCodes,
  isConnError,
} from '../src/index';

const codes = Object.keys(errorCodes) as ErrorCode[];

describe('error codes', () => {
  it.each(codes)('%s is snake_case and belongs to a known category', (code) => {
    expect(code).toMatch(/^[a-z]+(?:_[a-z]+)*$/);
    expect(errorCategories).toContain(errorCodes[code]);
    expect(new ConnError(code, 'x').category).toBe(errorCodes[code]);
  });

  it('ErrorCodeSchema knows exactly the catalog', () => {
    expect([...ErrorCodeSchema.options].sort()).toEqual([...codes].sort());
  });
});

describe('ErrorBodySchema', () => {
  it('accepts { error: { code, message } }, with or without details', () => {
    const body = { error: { code: 'connector_not_found', message: 'No connector named "x".' } };
    expect(ErrorBodySchema.parse(body)).toEqual(body);
    const detailed = { error: { ...body.error, details: { key: 'x' } } };
    expect(ErrorBodySchema.parse(detailed)).toEqual(detailed);
  });

  it('accepts what a ConnError serializes to', () => {
    const error = new ConnError('credential_key_unavailable', 'No credential key.', {
      retry: false,
    });
    expect(ErrorBodySchema.safeParse(JSON.parse(JSON.stringify({ error }))).success).toBe(true);
  });

  it.each([
    ['an unknown code', { error: { code: 'teapot', message: 'x' } }],
    ['a code in the wrong case', { error: { code: 'CONNECTOR_NOT_FOUND', message: 'x' } }],
    ['no message', { error: { code: 'forbidden' } }],
    ['an extra field', { error: { code: 'forbidden', message: 'x', stack: 'at …' } }],
    ['a bare error object', { code: 'forbidden', message: 'x' }],
    ['a field beside error', { error: { code: 'forbidden', message: 'x' }, trace_id: 't' }],
  ])('rejects %s', (_title, body) => {
    expect(ErrorBodySchema.safeParse(body).success).toBe(false);
  });
});

describe('isConnError', () => {
  it('narrows by class and, when given, by code', () => {
    const error = new ConnError('run_not_found', 'No run.');
    expect(isConnError(error)).toBe(true);
    expect(isConnError(error, 'run_not_found')).toBe(true);
    expect(isConnError(error, 'intent_not_found')).toBe(false);
    expect(isConnError(new Error('run_not_found'))).toBe(false);
    expect(isConnError({ code: 'run_not_found', message: 'No run.' })).toBe(false);
  });
});
