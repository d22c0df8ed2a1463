import { describeMoment, type SetupStatus } from '@conn/sdk';
import { localDateTime } from '../shared/local-time';
import { credentialKindWords } from './credential-kind-words';

/**
 * What the server says about the connection's credential: metadata only —
 * whether one is held, a short fingerprint, when it was checked and
 * replaced, and when it expires if the provider said so. The secret itself
 * never reaches the console.
 */
export function CredentialFacts({ credential }: { credential: SetupStatus['credential'] }) {
  return (
    <section aria-labelledby="credential-heading">
      <h2 id="credential-heading">Credential</h2>
      {credential === null || !credential.present ? (
        <p>No credential is held for this connection.</p>
      ) : (
        <dl className="facts">
          <div>
            <dt>Kind</dt>
            <dd>{credentialKindWords(credential.kind)}</dd>
          </div>
          {credential.fingerprint !== null && (
            <div>
              <dt>Fingerprint</dt>
              <dd>
                <code>{credential.fingerprint}</code>
              </dd>
            </div>
          )}
          <div>
            <dt>Checked</dt>
            <dd>
              {credential.validated_at === null
                ? 'Not yet'
                : localDateTime(credential.validated_at)}
            </dd>
          </div>
          <div>
            <dt>Replaced</dt>
            <dd>
              {credential.rotated_at === null ? 'Never' : localDateTime(credential.rotated_at)}
            </dd>
          </div>
          {credential.expires_at !== null && (
            <div>
              <dt>{Date.parse(credential.expires_at) <= Date.now() ? 'Expired' : 'Expires'}</dt>
              <dd>{describeMoment(credential.expires_at)}</dd>
            </div>
          )}
        </dl>
      )}
    </section>
  );
}
