import { randomFillSync } from 'node:crypto';
import { nonceBytes } from './sealed-envelope';

// One call into the CSPRNG per 1,024 nonces instead of one per seal: at
// credential sizes that call costs as much as the encryption itself. Every
// nonce is still fresh CSPRNG output, handed out once and never reused;
// nonces are public, so holding a few KiB of them ahead of time reveals nothing.
const poolNonces = 1024;
const pool = Buffer.alloc(nonceBytes * poolNonces);
let offset = pool.length;

/**
 * A fresh random 96-bit AES-GCM nonce (a copy the caller owns).
 *
 * @example
 * const cipher = createCipheriv('aes-256-gcm', key, nextNonce());
 */
export function nextNonce(): Buffer {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const nonce = Buffer.from(pool.subarray(offset, offset + nonceBytes));
  offset += nonceBytes;
  return nonce;
}
