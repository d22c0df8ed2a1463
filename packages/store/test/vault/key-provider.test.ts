import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ConnError } from '@conn/setup-engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault } from '../../src/vault/credential-vault';
import { resolveKeyProvider } from '../../src/vault/key-provider';
import { vaultKeyId } from '../../src/vault/vault-key';

const posix = process.platform !== 'win32';
const scope = { connectionId: 'con_1' } as const;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conn-vault-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<ConnError> {
  const error = await promise.then(
    () => new Error('expected a ConnError, the promise resolved'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ConnError);
  return error as ConnError;
}

describe('env key provider', () => {
  it('uses CONN_CREDENTIAL_KEY when it is base64 of 32 bytes', async () => {
    const key = randomBytes(32);
    const resolved = await resolveKeyProvider({
      env: { CONN_CREDENTIAL_KEY: key.toString('base64') },
      dataDir: dir,
    });
    expect(resolved.provider).toBe('env');
    expect(resolved.location).toBe('CONN_CREDENTIAL_KEY');
    expect(resolved.keys?.primary.id).toBe(vaultKeyId(key));
    const vault = createVault(resolved.keys);
    expect(vault.openSecret(vault.seal('token', scope), scope).reveal()).toBe('token');
    // The env provider wins: nothing is generated in the data directory.
    expect(await readdir(dir)).toEqual([]);
  });

  it('accepts the URL-safe alphabet and unpadded keys', async () => {
    const key = randomBytes(32);
    const resolved = await resolveKeyProvider({
      env: { CONN_CREDENTIAL_KEY: key.toString('base64url') },
    });
    expect(resolved.keys?.primary.id).toBe(vaultKeyId(key));
  });

  it('takes a comma-separated list as newest key first, older keys after', async () => {
    const [newKey, oldKey] = [randomBytes(32), randomBytes(32)];
    const before = createVault(
      (await resolveKeyProvider({ env: { CONN_CREDENTIAL_KEY: oldKey.toString('base64') } })).keys,
    );
    const resolved = await resolveKeyProvider({
      env: { CONN_CREDENTIAL_KEY: `${newKey.toString('base64')}, ${oldKey.toString('base64')}` },
    });
    expect(resolved.keys?.primary.id).toBe(vaultKeyId(newKey));
    expect(resolved.keys?.previous.map((key) => key.id)).toEqual([vaultKeyId(oldKey)]);
    const after = createVault(resolved.keys);
    expect(after.openSecret(before.seal('old', scope), scope).reveal()).toBe('old');
  });

  const invalid = [
    ['too short (16 bytes)', randomBytes(16).toString('base64'), /decodes to 16/],
    ['too long (48 bytes)', randomBytes(48).toString('base64'), /decodes to 48/],
    ['not base64', `CanaryKey*${'x'.repeat(34)}`, /must be base64/],
    ['a hex key', randomBytes(32).toString('hex'), /decodes to 48/],
  ] as const;
  for (const [name, value, reason] of invalid) {
    it(`refuses a key that is ${name}, naming the variable and not the value`, async () => {
      const error = await rejection(
        resolveKeyProvider({ env: { CONN_CREDENTIAL_KEY: value }, dataDir: dir }),
      );
      expect(error.code).toBe('invalid_request');
      expect(error.message).toContain('CONN_CREDENTIAL_KEY');
      expect(error.message).toMatch(reason);
      for (const text of [error.message, JSON.stringify(error), inspect(error)]) {
        expect(text).not.toContain(value);
      }
    });
  }

  it('names the bad entry of a key list', async () => {
    const value = `${randomBytes(32).toString('base64')},${randomBytes(8).toString('base64')}`;
    const error = await rejection(resolveKeyProvider({ env: { CONN_CREDENTIAL_KEY: value } }));
    expect(error.message).toContain('key 2 of 2');
  });

  it('refuses both CONN_CREDENTIAL_KEY and CONN_CREDENTIAL_KEY_FILE at once', async () => {
    const error = await rejection(
      resolveKeyProvider({
        env: {
          CONN_CREDENTIAL_KEY: randomBytes(32).toString('base64'),
          CONN_CREDENTIAL_KEY_FILE: join(dir, 'k'),
        },
      }),
    );
    expect(error.code).toBe('invalid_request');
  });
});

describe('file key provider', () => {
  it('reads the key file named by CONN_CREDENTIAL_KEY_FILE', async () => {
    const key = randomBytes(32);
    const path = join(dir, 'conn.key');
    await writeFile(path, `# conn credential key\n${key.toString('base64')}\n`, { mode: 0o600 });
    const resolved = await resolveKeyProvider({ env: { CONN_CREDENTIAL_KEY_FILE: path } });
    expect(resolved).toMatchObject({ provider: 'file', location: path, warnings: [] });
    expect(resolved.keys?.primary.id).toBe(vaultKeyId(key));
  });

  it.runIf(posix)('warns when other users can read the key file', async () => {
    const path = join(dir, 'conn.key');
    await writeFile(path, randomBytes(32).toString('base64'));
    await chmod(path, 0o644);
    const resolved = await resolveKeyProvider({ env: { CONN_CREDENTIAL_KEY_FILE: path } });
    expect(resolved.provider).toBe('file');
    expect(resolved.warnings).toHaveLength(1);
    expect(resolved.warnings[0]).toContain('chmod 600');
    expect(resolved.warnings[0]).toContain('644');
  });

  it('fails clearly on a missing file, a directory, an empty file or a wrong-length key', async () => {
    const wrong = randomBytes(20).toString('base64');
    await writeFile(join(dir, 'wrong.key'), wrong, { mode: 0o600 });
    await writeFile(join(dir, 'empty.key'), '\n', { mode: 0o600 });
    await mkdir(join(dir, 'a-directory'));
    const cases = [
      ['missing.key', /does not exist/],
      ['a-directory', /directory/],
      ['empty.key', /holds no credential key/],
      ['wrong.key', /exactly 32 bytes, and it decodes to 20/],
    ] as const;
    for (const [name, reason] of cases) {
      const path = join(dir, name);
      const error = await rejection(
        resolveKeyProvider({ env: { CONN_CREDENTIAL_KEY_FILE: path } }),
      );
      expect(error.code).toBe('invalid_request');
      expect(error.message).toContain('CONN_CREDENTIAL_KEY_FILE');
      expect(error.message).toContain(path);
      expect(error.message).toMatch(reason);
      expect(error.message).not.toContain(wrong);
    }
  });
});

describe('generated key provider', () => {
  it('creates credential.key with mode 0600 on first boot and reuses it afterwards', async () => {
    const dataDir = join(dir, 'data');
    const first = await resolveKeyProvider({ env: {}, dataDir });
    expect(first).toMatchObject({
      provider: 'generated',
      location: join(dataDir, 'credential.key'),
      created: true,
      warnings: [],
    });
    const text = await readFile(join(dataDir, 'credential.key'), 'utf8');
    expect(Buffer.from(text.trim(), 'base64')).toHaveLength(32);
    if (posix) expect((await stat(join(dataDir, 'credential.key'))).mode & 0o777).toBe(0o600);
    expect(await readdir(dataDir)).toEqual(['credential.key']);

    const sealed = createVault(first.keys).seal('token', scope);
    const second = await resolveKeyProvider({ env: {}, dataDir });
    expect(second).toMatchObject({ provider: 'generated', created: false });
    expect(second.keys?.primary.id).toBe(first.keys?.primary.id);
    expect(createVault(second.keys).openSecret(sealed, scope).reveal()).toBe('token');
  });

  it('agrees on one key when several processes boot at once on a fresh data directory', async () => {
    const dataDir = join(dir, 'data');
    const results = await Promise.all(
      Array.from({ length: 8 }, () => resolveKeyProvider({ env: {}, dataDir })),
    );
    expect(new Set(results.map((result) => result.keys?.primary.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await readdir(dataDir)).toEqual(['credential.key']);
  });

  it.runIf(posix)('warns when an existing key file is group or world readable', async () => {
    await resolveKeyProvider({ env: {}, dataDir: dir });
    await chmod(join(dir, 'credential.key'), 0o640);
    const resolved = await resolveKeyProvider({ env: {}, dataDir: dir });
    expect(resolved.provider).toBe('generated');
    expect(resolved.warnings[0]).toMatch(/other users .*640.*chmod 600/);
  });

  it('never replaces a damaged key file: it fails and leaves the file as it was', async () => {
    const path = join(dir, 'credential.key');
    await writeFile(path, 'damaged\n', { mode: 0o600 });
    const error = await rejection(resolveKeyProvider({ env: {}, dataDir: dir }));
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain(path);
    expect(await readFile(path, 'utf8')).toBe('damaged\n');
  });
});

describe('no key provider', () => {
  it('resolves to null without env or data directory, and the vault fails closed', async () => {
    for (const env of [{}, { CONN_CREDENTIAL_KEY: '', CONN_CREDENTIAL_KEY_FILE: '  ' }]) {
      const resolved = await resolveKeyProvider({ env });
      expect(resolved).toEqual({
        provider: null,
        keys: null,
        location: null,
        created: false,
        warnings: [],
      });
      const vault = createVault(resolved.keys);
      expect(() => vault.seal('token', scope)).toThrowError(
        expect.objectContaining({ code: 'credential_key_unavailable' }),
      );
    }
  });
});

describe('key material canary', () => {
  it('does not show key bytes when a resolved provider is printed or serialized', async () => {
    const key = randomBytes(32);
    const resolved = await resolveKeyProvider({
      env: { CONN_CREDENTIAL_KEY: key.toString('base64') },
    });
    const texts = [
      JSON.stringify(resolved),
      inspect(resolved, { depth: 10, showHidden: true }),
      inspect(createVault(resolved.keys), { depth: 10, showHidden: true }),
    ];
    for (const text of texts) {
      for (const form of ['base64', 'base64url', 'hex'] as const) {
        expect(text).not.toContain(key.toString(form));
      }
    }
  });
});
