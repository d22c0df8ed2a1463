import type { SecretBundle } from '@conn/setup-engine';

const maxLength = 500;

/**
 * Removes every occurrence of the bundle's values from provider-written text
 * (a probe's rejection message) before it becomes an error message. Probes
 * promise never to quote a secret; this makes the promise hold even for a
 * careless one. The text is also capped in length.
 *
 * @example
 * redactSecrets('token ghp_abc is bad', { token: new Secret('ghp_abc') }); // 'token [secret] is bad'
 */
export function redactSecrets(text: string, secrets: SecretBundle): string {
  let redacted = text;
  for (const secret of Object.values(secrets)) {
    const value = secret.reveal();
    if (value.length > 0) redacted = redacted.split(value).join('[secret]');
  }
  return redacted.length > maxLength ? `${redacted.slice(0, maxLength)}…` : redacted;
}
