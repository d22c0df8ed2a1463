import type { AgentToken, CreatedAgentToken } from '@conn/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { consoleClient } from '../client/console-client';
import { queryKeys } from '../client/query-keys';
import { CopyableCode } from '../shared/copy-button';
import { ErrorMessage } from '../shared/error-message';
import { LocalTime } from '../shared/local-time-tag';

/**
 * Agent tokens: the owner's AI assistants and scripts call conn with one.
 * A new token is shown once, here, with a copy button (kept in memory only,
 * gone when the owner dismisses it or leaves); the list shows metadata only.
 */
export function AgentTokensPage() {
  const queryClient = useQueryClient();
  const tokens = useQuery({
    queryKey: queryKeys.agentTokens,
    queryFn: ({ signal }) => consoleClient().agentTokens({ signal }),
  });
  const [name, setName] = useState('');
  const [lifetime, setLifetime] = useState('');
  const [created, setCreated] = useState<CreatedAgentToken | null>(null);
  const create = useMutation({
    mutationFn: (request: { name: string; expiresInDays?: number }) =>
      consoleClient().createAgentToken(
        request.name,
        request.expiresInDays === undefined ? {} : { expiresInDays: request.expiresInDays },
      ),
    onSuccess: (result) => {
      setCreated(result);
      setName('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.agentTokens });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    setCreated(null);
    create.mutate(
      lifetime === ''
        ? { name: name.trim() }
        : { name: name.trim(), expiresInDays: Number(lifetime) },
    );
  };
  const live = (tokens.data ?? []).filter((token) => token.revoked_at === null);
  const revoked = (tokens.data ?? []).filter((token) => token.revoked_at !== null);
  return (
    <>
      <h1>Agent tokens</h1>
      <p>
        An agent token lets an assistant or a script start setups and read their status for you. It
        never sees a password or a credential, and you can revoke it at any time.
      </p>
      {created !== null && (
        <section className="secret-once" aria-labelledby="new-token-heading">
          <h2 id="new-token-heading">New token for “{created.agent_token.name}”</h2>
          <p>Copy it now: it is shown this once and conn keeps only a fingerprint of it.</p>
          <CopyableCode value={created.token} label="Copy the new agent token" />
          <button type="button" className="quiet" onClick={() => setCreated(null)}>
            Done, hide it
          </button>
        </section>
      )}
      <form onSubmit={submit} aria-busy={create.isPending} className="narrow-form">
        <div className="field">
          <label htmlFor="token-name">Name of the new token</label>
          <input
            id="token-name"
            type="text"
            autoComplete="off"
            maxLength={100}
            placeholder="e.g. My assistant"
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="token-lifetime">Stops working</label>
          <select
            id="token-lifetime"
            value={lifetime}
            onChange={(event) => setLifetime(event.target.value)}
          >
            <option value="">When you revoke it</option>
            <option value="7">After 7 days</option>
            <option value="30">After 30 days</option>
            <option value="90">After 90 days</option>
            <option value="365">After a year</option>
          </select>
        </div>
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create token'}
        </button>
        <ErrorMessage error={create.error} />
      </form>
      <h2>Your tokens</h2>
      <ErrorMessage error={tokens.error} />
      {tokens.data !== undefined && live.length === 0 && <p>No agent token is active.</p>}
      <ul className="cards" aria-label="Active agent tokens">
        {live.map((token) => (
          <TokenCard key={token.id} token={token} />
        ))}
      </ul>
      {revoked.length > 0 && (
        <details className="advanced">
          <summary>Revoked tokens ({revoked.length})</summary>
          <ul className="cards" aria-label="Revoked agent tokens">
            {revoked.map((token) => (
              <TokenCard key={token.id} token={token} />
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function TokenCard({ token }: { token: AgentToken }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => consoleClient().revokeAgentToken(token.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.agentTokens }),
  });
  return (
    <li className="card">
      <h3>{token.name}</h3>
      <dl className="facts">
        <div>
          <dt>Created</dt>
          <dd>
            <LocalTime iso={token.created_at} />
          </dd>
        </div>
        <div>
          <dt>Last used</dt>
          <dd>{token.last_used_at === null ? 'Never' : <LocalTime iso={token.last_used_at} />}</dd>
        </div>
        {token.revoked_at === null && token.expires_at !== null && (
          <div>
            <dt>{Date.parse(token.expires_at) <= Date.now() ? 'Expired' : 'Expires'}</dt>
            <dd>
              <LocalTime iso={token.expires_at} />
            </dd>
          </div>
        )}
        {token.revoked_at !== null && (
          <div>
            <dt>Revoked</dt>
            <dd>
              <LocalTime iso={token.revoked_at} />
            </dd>
          </div>
        )}
      </dl>
      {token.revoked_at === null && (
        <button
          type="button"
          className="quiet"
          disabled={revoke.isPending}
          onClick={() => revoke.mutate()}
          aria-label={`Revoke the token ${token.name}`}
        >
          Revoke
        </button>
      )}
      <ErrorMessage error={revoke.error} />
    </li>
  );
}
