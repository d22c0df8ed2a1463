import { ConnError, type Secret, type SecretBundle } from '@conn/setup-engine';
import type { CredentialVault } from './credential-vault';

const unavailableMessage =
  'This server has no credential key configured, so it cannot store or read credentials. ' +
  'The operator needs to configure a credential key for this deployment.';

/**
 * The vault of a deployment without a credential key. Every operation fails
 * closed with `credential_key_unavailable` (a 503 on REST), so nothing is ever
 * stored unsealed; callers check `available` or `assertAvailable()` before
 * writing any row that would hold a sealed value.
 *
 * @example
 * const vault = createVault(null);
 * vault.available; // false
 * vault.seal('x', { connectionId: 'con_1' }); // throws ConnError('credential_key_unavailable')
 */
export class NullVault implements CredentialVault {
  readonly available = false;
  readonly primaryKeyId = null;

  assertAvailable(): never {
    throw new ConnError('credential_key_unavailable', unavailableMessage);
  }

  seal(): string {
    return this.assertAvailable();
  }

  open(): Secret | SecretBundle {
    return this.assertAvailable();
  }

  openSecret(): Secret {
    return this.assertAvailable();
  }

  openBundle(): SecretBundle {
    return this.assertAvailable();
  }

  needsResealing(): boolean {
    return this.assertAvailable();
  }

  reseal(): string {
    return this.assertAvailable();
  }

  fingerprint(): string {
    return this.assertAvailable();
  }
}
