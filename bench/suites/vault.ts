import { createCipheriv, createDecipheriv, createSecretKey, randomBytes } from 'node:crypto';
import { createVault, vaultKeysFrom } from '@conn/store';
import { measure } from '../measure';
import type { BenchFigure } from '../report';

const OPS = 2_000;

/** Seal + open through the vault vs a raw node:crypto AES-256-GCM loop (bar: ≥ 0.5× its ops/s). */
export async function vaultSuite(): Promise<BenchFigure[]> {
  const keyBytes = randomBytes(32);
  const vault = createVault(vaultKeysFrom([keyBytes]));
  const key = createSecretKey(keyBytes);
  const secret = { token: 'ghp_benchmarkTokenValue0123456789abcdefABCD' };
  const scope = { connectionId: 'con_benchmark' };
  const aad = Buffer.from('v1.bench.connection:con_benchmark');

  const raw = await measure(() => {
    for (let i = 0; i < OPS; i++) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(aad);
      const ct = Buffer.concat([cipher.update(JSON.stringify(secret), 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      const decipher = createDecipheriv('aes-256-gcm', key, nonce).setAAD(aad);
      decipher.setAuthTag(tag);
      JSON.parse(Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8'));
    }
  });
  const sealed = await measure(() => {
    for (let i = 0; i < OPS; i++) vault.openBundle(vault.seal(secret, scope), scope);
  });
  const rawOps = (OPS * 1000) / raw.meanMs;
  const vaultOps = (OPS * 1000) / sealed.meanMs;
  const ratio = vaultOps / rawOps;
  return [
    {
      suite: 'vault',
      name: 'seal + open / raw AES-256-GCM seal + open',
      measure: 'ops/s ratio',
      value: ratio,
      unit: '×',
      baseline: Math.round(rawOps),
      bar: '≥ 0.5×',
      pass: ratio >= 0.5,
    },
  ];
}
