import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { ConnError, Secret, type SecretBundle } from '@conn/setup-engine';
import { describe, expect, it } from 'vitest';
import { type CredentialVault, createVault } from '../../src/vault/credential-vault';
import { sealedKeyId } from '../../src/vault/sealed-envelope';
import { vaultKeyId, vaultKeysFrom } from '../../src/vault/vault-key';

const canary = 'CANARY-sk_live_9f8e7d6c5b4a3210-do-not-leak';
const connA = { connectionId: 'con_a' } as const;
const connB = { connectionId: 'con_b' } as const;

function vaultWith(...keys: Buffer[]): CredentialVault {
  return createVault(vaultKeysFrom(keys));
}

/** Runs `fn`, expecting a ConnError, and returns it. */
function caught(fn: () => unknown): ConnError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConnError);
    return error as ConnError;
  }
  throw new Error('expected a ConnError, nothing was thrown');
}

function revealAll(bundle: SecretBundle): Record<string, string> {
  return Object.fromEntries(Object.entries(bundle).map(([k, v]) => [k, v.reveal()]));
}

describe('CredentialVault', () => {
  const key = randomBytes(32);
  const vault = vaultWith(key);

  it('round-trips a single value into a Secret', () => {
    const sealed = vault.seal(canary, connA);
    const opened = vault.open(sealed, connA);
    expect(opened).toBeInstanceOf(Secret);
    expect((opened as Secret).reveal()).toBe(canary);
    expect(vault.openSecret(sealed, connA).reveal()).toBe(canary);
  });

  it('round-trips a bundle into a frozen SecretBundle, accepting Secrets as input', () => {
    const sealed = vault.seal({ username: 'me@example.com', password: new Secret(canary) }, connA);
    const bundle = vault.openBundle(sealed, connA);
    expect(Object.isFrozen(bundle)).toBe(true);
    expect(Object.values(bundle).every((value) => value instanceof Secret)).toBe(true);
    expect(revealAll(bundle)).toEqual({ username: 'me@example.com', password: canary });
  });

  it('keeps a bundle field named __proto__ as data', () => {
    const bundle = JSON.parse('{"__proto__":"p","token":"t"}') as Record<string, string>;
    const opened = vault.openBundle(vault.seal(bundle, connA), connA);
    expect(revealAll(opened)).toEqual(bundle);
  });

  it('round-trips unicode, empty and long values', () => {
    for (const value of ['', 'pässwörd 🔑 パスワード', 'x'.repeat(16_384)]) {
      expect(vault.openSecret(vault.seal(value, connA), connA).reveal()).toBe(value);
    }
  });

  it('says which shape it expected when a single value is opened as a bundle or back', () => {
    const single = vault.seal('token', connA);
    const bundle = vault.seal({ token: 'token' }, connA);
    expect(caught(() => vault.openBundle(single, connA)).code).toBe('internal_error');
    expect(caught(() => vault.openSecret(bundle, connA)).code).toBe('internal_error');
  });

  it('rejects an empty bundle or a non-string field without echoing values', () => {
    expect(caught(() => vault.seal({}, connA)).code).toBe('invalid_request');
    const bad = { token: 42 } as unknown as Record<string, string>;
    expect(caught(() => vault.seal(bad, connA)).message).toContain('"token"');
  });

  it('writes a compact v1 envelope naming the primary key id', () => {
    const sealed = vault.seal(canary, connA);
    expect(sealed).toMatch(
      /^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/,
    );
    expect(sealedKeyId(sealed)).toBe(vaultKeyId(key));
    expect(vault.primaryKeyId).toBe(vaultKeyId(key));
  });

  it('binds a sealed value to its scope: another connection cannot open it', () => {
    const sealed = vault.seal(canary, connA);
    const error = caught(() => vault.open(sealed, connB));
    expect(error.code).toBe('credential_key_mismatch');
    expect(error.details?.reason).toBe('authentication_failed');
    expect(error.message).not.toContain(canary);
  });

  it('keeps connection, provider-app and auth-session scopes apart even for the same id', () => {
    const sealed = vault.seal(canary, { providerAppGroup: 'gitlab' });
    expect(vault.openSecret(sealed, { providerAppGroup: 'gitlab' }).reveal()).toBe(canary);
    for (const other of [{ connectionId: 'gitlab' }, { authSessionId: 'gitlab' }]) {
      expect(caught(() => vault.open(sealed, other)).code).toBe('credential_key_mismatch');
    }
  });

  it('refuses an ambiguous or empty scope', () => {
    const both = { connectionId: 'a', authSessionId: 'b' } as unknown as typeof connA;
    expect(caught(() => vault.seal('x', both)).code).toBe('invalid_request');
    expect(caught(() => vault.seal('x', { connectionId: '' })).code).toBe('invalid_request');
  });

  it('uses a fresh nonce for every seal (10,000 seals, no repeat)', () => {
    const nonces = new Set<string>();
    const envelopes = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const sealed = vault.seal('same value', connA);
      nonces.add(sealed.split('.')[2]!);
      envelopes.add(sealed);
    }
    expect(nonces.size).toBe(10_000);
    expect(envelopes.size).toBe(10_000);
  });

  it('fails with credential_key_mismatch when any character of any segment is altered', () => {
    const sealed = vault.seal({ token: canary }, connA);
    let variants = 0;
    for (let i = 0; i < sealed.length; i++) {
      const char = sealed[i]!;
      if (char === '.') continue;
      for (const replacement of ['A', 'B', '-'].filter((c) => c !== char).slice(0, 2)) {
        const altered = sealed.slice(0, i) + replacement + sealed.slice(i + 1);
        const error = caught(() => vault.open(altered, connA));
        expect(error.code).toBe('credential_key_mismatch');
        expect(error.message).not.toContain(canary);
        variants++;
      }
    }
    expect(variants).toBeGreaterThan(100);
  });

  it('fails clearly on truncated, extended or foreign envelopes', () => {
    const sealed = vault.seal(canary, connA);
    const segments = sealed.split('.');
    const broken = [
      '',
      'not a sealed value',
      canary,
      sealed.slice(0, -1),
      `${sealed}.extra`,
      segments.slice(0, 4).join('.'),
      ['v2', ...segments.slice(1)].join('.'),
      [...segments.slice(0, 3), '', segments[4]].join('.'),
      [...segments.slice(0, 2), `${segments[2]}==`, ...segments.slice(3)].join('.'),
    ];
    for (const text of broken) {
      const error = caught(() => vault.open(text, connA));
      expect(error.code).toBe('credential_key_mismatch');
      expect(error.message).not.toContain(canary);
    }
    expect(caught(() => vault.open(broken[6]!, connA)).details?.reason).toBe('unsupported_version');
  });

  it('reports a value sealed under a key it does not hold, naming only key ids', () => {
    const other = vaultWith(randomBytes(32));
    const sealed = other.seal(canary, connA);
    const error = caught(() => vault.open(sealed, connA));
    expect(error.code).toBe('credential_key_mismatch');
    expect(error.details?.reason).toBe('unknown_key');
    expect(error.message).toContain(other.primaryKeyId);
    expect(error.message).not.toContain(canary);
  });

  it('reports key bytes that differ from the sealing key as credential_key_mismatch, not a crypto error', () => {
    const other = vaultWith(randomBytes(32));
    const segments = other.seal(canary, connA).split('.');
    // Relabel the envelope with this vault's key id: the ids match, the bytes do not.
    const relabelled = [segments[0], vault.primaryKeyId, ...segments.slice(2)].join('.');
    const error = caught(() => vault.open(relabelled, connA));
    expect(error.code).toBe('credential_key_mismatch');
    expect(error.details?.reason).toBe('authentication_failed');
    expect(error.message).toMatch(/credential key [0-9a-f]{8}/);
  });

  it('fingerprints a value as 12 hex characters, stable, keyed, and order-free for bundles', () => {
    const print = vault.fingerprint(canary);
    expect(print).toMatch(/^[0-9a-f]{12}$/);
    expect(vault.fingerprint(new Secret(canary))).toBe(print);
    expect(vault.fingerprint(`${canary}x`)).not.toBe(print);
    expect(vaultWith(randomBytes(32)).fingerprint(canary)).not.toBe(print);
    expect(vault.fingerprint({ a: '1', b: '2' })).toBe(vault.fingerprint({ b: '2', a: '1' }));
    expect(vault.fingerprint({ token: canary })).not.toBe(print);
  });
});

describe('key rotation', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const before = vaultWith(oldKey);
  const after = vaultWith(newKey, oldKey);

  it('opens values sealed before the rotation and seals new ones under the new primary', () => {
    const old = before.seal(canary, connA);
    expect(after.openSecret(old, connA).reveal()).toBe(canary);
    const fresh = after.seal(canary, connA);
    expect(sealedKeyId(fresh)).toBe(vaultKeyId(newKey));
    expect(caught(() => before.open(fresh, connA)).details?.reason).toBe('unknown_key');
  });

  it('tells which values still need resealing, and reseals them under the primary', () => {
    const old = before.seal({ token: canary }, connA);
    expect(after.needsResealing(old)).toBe(true);
    expect(after.needsResealing(after.seal('x', connA))).toBe(false);
    const resealed = after.reseal(old, connA);
    expect(after.needsResealing(resealed)).toBe(false);
    expect(revealAll(vaultWith(newKey).openBundle(resealed, connA))).toEqual({ token: canary });
    expect(caught(() => after.reseal(old, connB)).code).toBe('credential_key_mismatch');
  });

  it('fails clearly once the old key is dropped', () => {
    const old = before.seal(canary, connA);
    const error = caught(() => vaultWith(newKey).open(old, connA));
    expect(error.code).toBe('credential_key_mismatch');
    expect(error.message).toContain(vaultKeyId(oldKey));
  });
});

describe('a vault without a key', () => {
  it('fails closed on every operation with credential_key_unavailable', () => {
    const vault = createVault(null);
    expect(vault.available).toBe(false);
    expect(vault.primaryKeyId).toBeNull();
    const sealed = vaultWith(randomBytes(32)).seal('x', connA);
    const operations = [
      () => vault.assertAvailable(),
      () => vault.seal(canary, connA),
      () => vault.open(sealed, connA),
      () => vault.openSecret(sealed, connA),
      () => vault.openBundle(sealed, connA),
      () => vault.needsResealing(sealed),
      () => vault.reseal(sealed, connA),
      () => vault.fingerprint(canary),
    ];
    for (const operation of operations) {
      const error = caught(operation);
      expect(error.code).toBe('credential_key_unavailable');
      expect(error.category).toBe('unavailable');
    }
  });
});

describe('secret canary', () => {
  it('never appears in an envelope, an error, or a printed or serialized vault', () => {
    const key = randomBytes(32);
    const vault = vaultWith(key);
    const sealed = vault.seal({ token: canary }, connA);
    const single = vault.seal(canary, connA);
    const opened = vault.openBundle(sealed, connA);
    const errors = [
      caught(() => vault.open(sealed, connB)),
      caught(() => vaultWith(randomBytes(32)).open(sealed, connA)),
      caught(() => vault.openSecret(sealed, connA)),
    ];
    const keyForms = [key.toString('base64'), key.toString('base64url'), key.toString('hex')];
    const texts = [
      sealed,
      single,
      JSON.stringify(vault),
      inspect(vault, { depth: 10, showHidden: true }),
      JSON.stringify(opened),
      inspect(opened, { depth: 10, showHidden: true }),
      `${opened.token}`,
      ...errors.flatMap((error) => [error.message, JSON.stringify(error), inspect(error)]),
    ];
    for (const text of texts) {
      for (const forbidden of [canary, Buffer.from(canary).toString('base64url'), ...keyForms]) {
        expect(text).not.toContain(forbidden);
      }
    }
    expect(JSON.stringify(vault)).toContain(vault.primaryKeyId);
  });
});
