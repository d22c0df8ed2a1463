import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { format, inspect } from 'node:util';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ConnError,
  type ErrorDetails,
  type ManifestInput,
  parseManifest,
  planSetup,
  revealBundle,
  Secret,
  type SecretBundle,
  SecretSchema,
  type SetupPlan,
  SetupPlanSchema,
} from '../src/index';
import { manifestInput, manifestInputs } from './manifest-inputs';
import { readyContext } from './ready-context';

const CANARY = 'canary-9d1f-ghp_Zq8LwT3nV0yR';

/** Everything a secret can end up inside by accident. */
function containers(secret: Secret) {
  const bundle: SecretBundle = { username: new Secret('me@example.com'), password: secret };
  const error = Object.assign(new Error('probe failed'), { details: { token: secret } });
  return {
    bare: secret,
    object: { token: secret, nested: { deeper: secret } },
    array: [secret, [secret]],
    bundle,
    error,
    map: new Map([['token', secret]]),
  };
}

/** Runs `write` against a real Console and returns everything it printed. */
function printed(write: (console: Console) => void): string {
  let out = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  write(new Console({ stdout: sink, stderr: sink, colorMode: false }));
  return out;
}

describe('Secret never leaks by accident', () => {
  const secret = new Secret(CANARY);
  const cases = Object.entries(containers(secret));

  it.each(cases)('JSON.stringify(%s)', (_name, value) => {
    expect(JSON.stringify(value)).not.toContain(CANARY);
  });

  it.each(cases)('template string and String() of %s', (_name, value) => {
    expect(`${value}`).not.toContain(CANARY);
    expect(String(value)).not.toContain(CANARY);
    expect(`${secret}`).toBe('[secret]');
    expect(`token=${secret}`).toBe('token=[secret]');
    // biome-ignore lint/style/useTemplate: `+` concatenation is the leak path under test.
    expect(secret + '').toBe('[secret]');
  });

  it.each(cases)('util.inspect and util.format of %s', (_name, value) => {
    expect(inspect(value)).not.toContain(CANARY);
    expect(inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY })).not.toContain(
      CANARY,
    );
    expect(inspect(value, { customInspect: false, showHidden: true })).not.toContain(CANARY);
    for (const directive of ['%s', '%o', '%O', '%j']) {
      expect(format(directive, value)).not.toContain(CANARY);
    }
  });

  it.each(cases)('console output of %s', (_name, value) => {
    const out = printed((console) => {
      console.log(value);
      console.log('value:', value);
      console.error(value);
      console.dir(value, { depth: null });
      console.table([{ value }]);
    });
    expect(out.length).toBeGreaterThan(0);
    expect(out).not.toContain(CANARY);
  });

  it.each(cases.filter(([name]) => name !== 'error'))('structuredClone of %s', (_name, value) => {
    const clone = structuredClone(value);
    expect(JSON.stringify(clone)).not.toContain(CANARY);
    expect(inspect(clone, { depth: null, showHidden: true })).not.toContain(CANARY);
  });

  it('structuredClone of an Error carrying a secret', () => {
    const clone = structuredClone(containers(secret).error);
    expect(inspect(clone, { depth: null, showHidden: true })).not.toContain(CANARY);
    expect(JSON.stringify(clone)).not.toContain(CANARY);
  });

  it('object spread, Object.entries and Object.assign carry nothing out', () => {
    const spread = { ...secret };
    expect(Object.keys(spread)).toEqual([]);
    expect(Object.values({ ...secret, ...Object.assign({}, secret) })).toEqual([]);
    expect(Reflect.ownKeys(secret)).toEqual([]);
    expect(JSON.stringify({ ...{ token: secret } })).toBe('{"token":"[secret]"}');
  });

  it('a ConnError whose details were given a secret (against its type) still redacts it', () => {
    // @ts-expect-error ErrorDetails admits only plain JSON values, never a Secret.
    const details: ErrorDetails = { token: secret };
    const error = new ConnError('credential_rejected', 'The provider refused it.', details);
    expect(JSON.stringify(error)).not.toContain(CANARY);
    expect(JSON.stringify({ error: error.toJSON() })).not.toContain(CANARY);
    expect(inspect(error, { depth: null })).not.toContain(CANARY);
    expect(printed((console) => console.error(error))).not.toContain(CANARY);
  });

  it('reveal() returns the value, and only reveal()', () => {
    expect(secret.reveal()).toBe(CANARY);
    expect(secret.length).toBe(CANARY.length);
    expect(revealBundle(containers(secret).bundle)).toEqual({
      username: 'me@example.com',
      password: CANARY,
    });
  });
});

describe('SecretSchema', () => {
  it('parses a string straight into a Secret', () => {
    const parsed = SecretSchema.parse(CANARY);
    expect(parsed).toBeInstanceOf(Secret);
    expect(parsed.reveal()).toBe(CANARY);
    expect(JSON.stringify({ parsed })).toBe('{"parsed":"[secret]"}');
  });

  it('refuses empty and oversized values without echoing them', () => {
    expect(SecretSchema.safeParse('').success).toBe(false);
    const huge = `${CANARY}${'x'.repeat(16_384)}`;
    const result = SecretSchema.safeParse(huge);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).not.toContain(CANARY);
    expect(result.error?.message).not.toContain(CANARY);
  });
});

describe('a plan cannot carry a secret', () => {
  it('type level: a Secret fits none of the plan’s string fields', () => {
    expectTypeOf<Secret>().not.toExtend<string>();
    expectTypeOf<Secret>().not.toExtend<SetupPlan['support_reason']>();
    expectTypeOf<Secret>().not.toExtend<SetupPlan['connector']['name']>();
    expectTypeOf<Secret>().not.toExtend<SetupPlan['next_step']['label']>();
    expectTypeOf<Secret>().not.toExtend<SetupPlan['next_step']['description']>();
    expectTypeOf<Secret>().not.toExtend<NonNullable<SetupPlan['next_step']['action']>['path']>();
    type Field = Extract<SetupPlan['descriptor'], { modality: 'static_secret' }>['fields'][number];
    expectTypeOf<Secret>().not.toExtend<NonNullable<Field['default']>>();
    expectTypeOf<Secret>().not.toExtend<NonNullable<Field['placeholder']>>();
    type FieldInput = Extract<ManifestInput['setup'], { modality: 'static_secret' }>['fields'];
    expectTypeOf<Secret>().not.toExtend<NonNullable<FieldInput[number]['default']>>();
  });

  it('runtime: the schemas refuse a Secret where a string belongs', () => {
    const input = manifestInput('static_secret');
    const fields = (input.setup as { fields: Record<string, unknown>[] }).fields;
    fields[1]!.default = new Secret(CANARY);
    expect(() => parseManifest(input)).toThrow(ConnError);

    const plan = planSetup(parseManifest(manifestInputs.static_secret), readyContext());
    const tainted = { ...plan, next_step: { ...plan.next_step, label: new Secret(CANARY) } };
    expect(SetupPlanSchema.safeParse(tainted).success).toBe(false);
  });
});

describe('ConnError serialization', () => {
  it('toJSON carries only code, message and details', () => {
    const error = new ConnError('connector_not_found', 'No connector named "x".', { key: 'x' });
    expect(error.toJSON()).toEqual({
      code: 'connector_not_found',
      message: 'No connector named "x".',
      details: { key: 'x' },
    });
    expect(Object.keys(JSON.parse(JSON.stringify(error)))).toEqual(['code', 'message', 'details']);
    expect(JSON.stringify(error)).not.toContain('at ');
  });

  it('without details, toJSON has no details key at all', () => {
    const error = new ConnError('internal_error', 'Something broke.');
    expect(Object.keys(error.toJSON())).toEqual(['code', 'message']);
    expect(error.category).toBe('internal');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConnError');
  });
});
