import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import {
  type FakeGitlabAccount,
  fakeGitlabApi,
} from '../../../packages/connectors/test/gitlab/fake-gitlab';

/** Where a self-managed GitLab lives below its origin, as some operators run it. */
const prefix = '/gitlab';

/** The accounts the authorization server knows, by login. */
export const gitlabAccounts: ReadonlyMap<string, FakeGitlabAccount> = new Map([
  ['tanuki', { id: 101, username: 'tanuki' }],
  ['octo', { id: 202, username: 'octo' }],
]);

/** What the owner does at the provider's login and consent screens. */
export type OwnerDecision = { account: string } | { deny: true };

interface IssuedToken {
  jti: string;
  accountId?: string | undefined;
  grantId?: string | undefined;
  gty?: string | undefined;
  destroy(): Promise<void>;
}

/**
 * A real OAuth 2.0 authorization server (`oidc-provider`) and a GitLab API v4
 * resource server on one loopback origin under `/gitlab`, the way a
 * self-managed GitLab is reached: `/gitlab/oauth/authorize`,
 * `/gitlab/oauth/token`, `/gitlab/api/v4/user`, `/gitlab/api/v4/projects`.
 * The client is confidential (client_secret_post), PKCE is required and the
 * only redirect URI is the conn server's callback. The resource server
 * accepts an access token only if the provider still holds it and its grant.
 */
export async function startLoopbackGitlab(options: {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}) {
  let provider: Provider | null = null;
  let decision: OwnerDecision = { deny: true };
  const controls = { failTokenEndpoint: false, accessTokenTtl: 3600 };
  const accessTokens: IssuedToken[] = [];
  const refreshTokens: IssuedToken[] = [];
  const grants = new Map<string, string[]>();

  const api = fakeGitlabApi({
    prefix,
    authenticate: async (token) => {
      const found = await provider?.AccessToken.find(token);
      if (found === undefined || found.grantId === undefined) return null;
      if ((await provider?.Grant.find(found.grantId)) === undefined) return null;
      return gitlabAccounts.get(found.accountId) ?? null;
    },
  });

  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const oidc = provider!;
    const details = await oidc.interactionDetails(req, res);
    if ('deny' in decision) {
      await oidc.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The owner denied access.' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (details.prompt.name === 'login') {
      await oidc.interactionFinished(
        req,
        res,
        { login: { accountId: decision.account } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const accountId = details.session?.accountId ?? decision.account;
    const grant = new oidc.Grant({ accountId, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope ?? ''));
    const grantId = await grant.save();
    grants.set(accountId, [...(grants.get(accountId) ?? []), grantId]);
    await oidc.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      {
        mergeWithLastSubmission: true,
      },
    );
  }

  let handleProvider: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://loopback.invalid').pathname;
    const fail = (error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`test server error: ${(error as Error).message}`);
    };
    if (!path.startsWith(`${prefix}/`)) {
      res.writeHead(404);
      res.end();
      return;
    }
    if (controls.failTokenEndpoint && path === `${prefix}/oauth/token`) {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<h1>Internal Server Error</h1>');
      return;
    }
    if (path.startsWith(`${prefix}/interaction/`)) {
      interaction(req, res).catch(fail);
      return;
    }
    api.handle(req, res).then((handled) => {
      if (handled) return;
      // Mounted like an Express sub-app: the provider sees its own paths and the mount in originalUrl.
      const mounted = req as IncomingMessage & { originalUrl?: string };
      mounted.originalUrl = req.url;
      req.url = (req.url ?? '/').slice(prefix.length) || '/';
      handleProvider!(req, res);
    }, fail);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const instanceUrl = `${origin}${prefix}`;

  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    format: 'jwk',
  });
  provider = new Provider(instanceUrl, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    scopes: ['read_user', 'read_api'],
    routes: { authorization: '/oauth/authorize', token: '/oauth/token' },
    interactions: { url: (_ctx, found) => `${prefix}/interaction/${found.uid}` },
    findAccount: (_ctx: KoaContextWithOIDC, id: string) =>
      gitlabAccounts.has(id) ? { accountId: id, claims: async () => ({ sub: id }) } : undefined,
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    expiresWithSession: async () => false,
    ttl: { AccessToken: () => controls.accessTokenTtl },
    cookies: { keys: ['loopback-gitlab-cookie-key-for-tests'] },
    jwks: { keys: [{ ...signingKey, kid: 'loopback', use: 'sig', alg: 'RS256' }] },
    features: { devInteractions: { enabled: false } },
  });
  provider.on('access_token.saved', (token: IssuedToken) => accessTokens.push(token));
  provider.on('refresh_token.saved', (token: IssuedToken) => refreshTokens.push(token));
  handleProvider = provider.callback();

  return {
    instanceUrl,
    controls,
    /** Every access and refresh token value the provider issued (the secret canaries). */
    issuedTokens: () => ({
      access: accessTokens.map((token) => token.jti),
      refresh: refreshTokens.map((token) => token.jti),
    }),
    /** Access tokens issued by a refresh grant, for an account. */
    refreshedAccessTokens: (account: string) =>
      accessTokens.filter(
        (token) => token.accountId === account && (token.gty ?? '').endsWith('refresh_token'),
      ).length,
    /** What the owner does at the login and consent screens when a real browser arrives there. */
    decide(owner: OwnerDecision): void {
      decision = owner;
    },
    /**
     * Drives the owner's browser from conn's authorization URL through login
     * and consent (or denial) to the redirect back to conn, which it returns
     * without following. Each call is a fresh browser (its own cookie jar).
     */
    async authorize(authorizationUrl: string, owner: OwnerDecision): Promise<URL> {
      decision = owner;
      const jar = new Map<string, string>();
      let url = authorizationUrl;
      for (let hop = 0; hop < 12; hop++) {
        if (!url.startsWith(origin)) return new URL(url);
        const response = await fetch(url, {
          redirect: 'manual',
          headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') },
        });
        for (const cookie of response.headers.getSetCookie()) {
          const [pair = ''] = cookie.split(';');
          const [name = '', value = ''] = pair.split('=');
          if (value === '') jar.delete(name.trim());
          else jar.set(name.trim(), value);
        }
        const location = response.headers.get('location');
        if (location === null) {
          throw new Error(
            `the authorization stopped at ${response.status}: ${await response.text()}`,
          );
        }
        await response.body?.cancel();
        url = new URL(location, url).href;
      }
      throw new Error('too many redirects at the authorization server');
    },
    /** The access tokens lapse at the provider, as when they expire: the API answers 401. */
    async expireAccessTokens(account: string): Promise<void> {
      await Promise.all(
        accessTokens.filter((token) => token.accountId === account).map((t) => t.destroy()),
      );
    },
    /** The account revokes conn's access at GitLab: its grants go, so tokens and refreshes fail. */
    async revokeAccess(account: string): Promise<void> {
      for (const grantId of grants.get(account) ?? []) {
        await (await provider?.Grant.find(grantId))?.destroy();
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export type LoopbackGitlab = Awaited<ReturnType<typeof startLoopbackGitlab>>;
