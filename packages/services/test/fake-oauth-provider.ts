import { randomBytes } from 'node:crypto';
import type { Services } from '../src/index';

/** The provider app's client secret the fake token endpoint accepts: a canary. */
export const CLIENT_SECRET = 'client-secret-CANARY-services-oauth-0001';

/**
 * A token endpoint and identity endpoint behind `fetch`: authorization codes
 * and refresh tokens it issued are accepted once; the PKCE verifier must
 * match the challenge sent with the authorization request.
 */
export class FakeProvider {
  seq = 0;
  grants: string[] = [];
  refusedRefresh = false;
  expiresIn = 3600;
  /** When set, each refresh token's lifetime in seconds (`refresh_token_expires_in`, as GitHub states it). */
  refreshExpiresIn: number | null = null;
  readonly codes = new Set<string>();
  readonly refresh = new Set<string>();
  readonly access = new Set<string>();

  issueCode(): string {
    const code = `code-${++this.seq}`;
    this.codes.add(code);
    return code;
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    if (url.pathname === '/oauth/token') {
      const body = new URLSearchParams(String(init?.body ?? ''));
      this.grants.push(body.get('grant_type') ?? '');
      if (body.get('client_secret') !== CLIENT_SECRET)
        return json(401, { error: 'invalid_client' });
      if (body.get('grant_type') === 'authorization_code') {
        const code = body.get('code') ?? '';
        if (!this.codes.delete(code) || (body.get('code_verifier') ?? '').length < 43) {
          return json(400, { error: 'invalid_grant' });
        }
        return json(200, this.tokens());
      }
      const presented = body.get('refresh_token') ?? '';
      if (this.refusedRefresh || !this.refresh.delete(presented)) {
        return json(400, { error: 'invalid_grant', error_description: `bad ${presented}` });
      }
      return json(200, this.tokens());
    }
    if (url.pathname === '/api/v4/user') {
      const token = new Headers(init?.headers).get('authorization')?.replace('Bearer ', '') ?? '';
      return this.access.has(token) ? json(200, { id: 7, username: 'tanuki' }) : json(401, {});
    }
    return json(404, {});
  };

  tokens() {
    const access = `access-${++this.seq}-${randomBytes(8).toString('hex')}`;
    const refresh = `refresh-${this.seq}-${randomBytes(8).toString('hex')}`;
    this.access.add(access);
    this.refresh.add(refresh);
    return {
      access_token: access,
      refresh_token: refresh,
      token_type: 'Bearer',
      expires_in: this.expiresIn,
      ...(this.refreshExpiresIn === null
        ? {}
        : { refresh_token_expires_in: this.refreshExpiresIn }),
    };
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** The GitLab provider app the fake answers for. */
export const fakeGitlabApp = {
  client_id: 'conn-client',
  client_secret: CLIENT_SECRET,
  instance_url: 'https://gitlab.example.test/',
};

/**
 * Runs a GitLab authorization through its callback as the fake provider
 * answers it: a new connection, or with `connection_id` a re-authorization.
 *
 * @example
 * const { connection_id } = await authorizeGitlab(services, provider, owner, { unproven: true });
 */
export async function authorizeGitlab(
  services: Services,
  provider: FakeProvider,
  owner: string,
  body: Record<string, unknown> = { unproven: true },
) {
  const { authorization_url } = await services.startAuthorization(owner, 'gitlab', body);
  const state = new URL(authorization_url).searchParams.get('state') ?? '';
  const query = new URLSearchParams({ code: provider.issueCode(), state });
  return services.completeAuthorization({ query, cookieOwnerId: owner });
}
