import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';

/** A self-signed certificate for 127.0.0.1 and localhost, and its key, as files. */
export interface TestCertificate {
  certPath: string;
  keyPath: string;
  pem: string;
}

/**
 * Makes a two-day self-signed certificate with the openssl CLI in `dir`.
 *
 * @example
 * const certificate = makeTestCertificate(dir);
 */
export function makeTestCertificate(dir: string): TestCertificate {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=conn-test-imap',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: 'pipe', timeout: 30_000 },
  );
  return { certPath, keyPath, pem: readFileSync(certPath, 'utf8') };
}

/**
 * Adds a certificate to this process's default trusted CAs, as
 * NODE_EXTRA_CA_CERTS would at start-up: production code verifies the server
 * the same way it does for an owner, with no test-only option.
 */
export function trustCertificate(pem: string): void {
  setDefaultCACertificates([...getCACertificates('default'), pem]);
}
