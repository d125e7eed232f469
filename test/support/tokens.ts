import { exportJWK, exportSPKI, generateKeyPair, type JWK, SignJWT } from 'jose';
import nock from 'nock';

export type TestSigner = {
  readonly kid: string;
  readonly jwk: JWK;
  sign(
    claims: Record<string, unknown>,
    options?: { expiresInSeconds?: number; notBeforeSeconds?: number },
  ): Promise<string>;
};

/**
 * An RSA key pair standing in for the Bot Framework's signing key (endorsed for Teams, as the
 * real keys are), or for an Entra ID tenant's key (`endorsements: null`).
 */
export async function createSigner(
  kid: string,
  endorsements: string[] | null = ['msteams'],
): Promise<TestSigner & { publicPem: string }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = {
    ...(await exportJWK(publicKey)),
    kid,
    alg: 'RS256',
    use: 'sig',
    ...(endorsements ? { endorsements } : {}),
  };
  const publicPem = await exportSPKI(publicKey);
  return {
    kid,
    jwk,
    publicPem,
    async sign(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuedAt(now - 60)
        .setNotBefore(now + (options.notBeforeSeconds ?? -60))
        .setExpirationTime(now + (options.expiresInSeconds ?? 3600))
        .sign(privateKey);
    },
  };
}

/** Serves the Bot Framework OpenID metadata and signing keys from nock. */
export function serveBotFrameworkKeys(keys: JWK[]): void {
  nock('https://login.botframework.com')
    .persist()
    .get('/v1/.well-known/openidconfiguration')
    .reply(200, {
      issuer: 'https://api.botframework.com',
      authorization_endpoint: 'https://invalid.botframework.com',
      jwks_uri: 'https://login.botframework.com/v1/.well-known/keys',
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    })
    .get('/v1/.well-known/keys')
    .reply(200, { keys });
}

/** Answers the bot's own client-credentials token requests (for sending replies). */
export function serveEntraTokens(tenantId: string): void {
  const base = 'https://login.microsoftonline.com';
  nock(base)
    .persist()
    .get((uri) => uri.includes('/discovery/instance'))
    .reply(200, {
      tenant_discovery_endpoint: `${base}/${tenantId}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [
        {
          preferred_network: 'login.microsoftonline.com',
          preferred_cache: 'login.windows.net',
          aliases: ['login.microsoftonline.com'],
        },
      ],
    })
    .get((uri) => uri.includes('/.well-known/openid-configuration'))
    .reply(200, {
      token_endpoint: `${base}/${tenantId}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/${tenantId}/oauth2/v2.0/authorize`,
      issuer: `${base}/${tenantId}/v2.0`,
      jwks_uri: `${base}/${tenantId}/discovery/v2.0/keys`,
      end_session_endpoint: `${base}/${tenantId}/oauth2/v2.0/logout`,
      response_types_supported: ['code', 'id_token', 'token'],
    })
    .post((uri) => uri.split('?')[0]?.endsWith('/oauth2/v2.0/token') === true)
    .reply(200, {
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: fakeAccessToken(tenantId),
    });
}

/** A JWT-shaped access token (the SDK decodes it to read its expiry; nobody verifies it here). */
function fakeAccessToken(tenantId: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ aud: 'https://api.botframework.com', tid: tenantId, iat: now, exp: now + 3600 })}.c2ln`;
}

/** Serves an Entra ID tenant's signing keys, where the SDK's Entra ("agentic") path looks for them. */
export function serveEntraKeys(tenantId: string, keys: JWK[]): void {
  nock('https://login.microsoftonline.com')
    .persist()
    .get(`/${tenantId}/discovery/v2.0/keys`)
    .reply(200, { keys });
}

/** A JWT with the given header, unsigned or signed with HS256 and the given secret. */
export async function forgedToken(
  claims: Record<string, unknown>,
  how: { alg: 'none' } | { alg: 'HS256'; secret: string; kid: string },
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const body = { iat: now - 60, nbf: now - 60, exp: now + 3600, ...claims };
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  if (how.alg === 'none') return `${part({ alg: 'none', typ: 'JWT' })}.${part(body)}.`;
  return new SignJWT(body)
    .setProtectedHeader({ alg: 'HS256', kid: how.kid, typ: 'JWT' })
    .sign(new TextEncoder().encode(how.secret));
}
