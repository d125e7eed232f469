import { importJWK, type JWK, type JWTHeaderParameters, jwtVerify } from 'jose';
import { z } from 'zod';

/**
 * Verifies that a request to /api/messages comes from the Bot Framework connector, before the
 * Teams SDK sees it. Only connector tokens are accepted: issuer `https://api.botframework.com`,
 * RS256, signed by a key from the Bot Framework's OpenID metadata that is endorsed for the
 * activity's channel, audience = the bot's app id, and a `serviceurl` claim equal to the
 * activity's serviceUrl. Entra ID tokens (v1 or v2, any tenant) are refused: the SDK would
 * route them to its "agentic identity" path, which trusts the token's own tenant and binds no
 * serviceUrl, so any token for the app id would let its holder act as anyone.
 *
 * Clock tolerance: 300 s, the skew the Bot Framework authentication spec allows between the
 * connector and a bot; smaller values refuse genuine tokens from hosts whose clocks drift.
 */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
export const BOT_FRAMEWORK_METADATA_URL = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
export const CLOCK_TOLERANCE_SECONDS = 300;
/** Keys are re-read at most this often when a token names an unknown key id (rotation). */
const UNKNOWN_KID_REFRESH_MS = 5 * 60_000;
/** The metadata and keys are re-read after this long regardless. */
const KEYS_MAX_AGE_MS = 24 * 60 * 60_000;
const FETCH_TIMEOUT_MS = 5_000;

export type AuthRefusal =
  | 'missingToken'
  | 'malformedToken'
  | 'notBotFramework'
  | 'unknownKey'
  | 'notEndorsed'
  | 'invalidToken'
  | 'serviceUrlMismatch'
  | 'keysUnavailable';

export type AuthResult = { readonly ok: true } | { readonly ok: false; readonly reason: AuthRefusal };

const Metadata = z.object({ issuer: z.string(), jwks_uri: z.string().url() });
const KeySet = z.object({
  keys: z.array(
    z
      .object({
        kid: z.string().min(1),
        kty: z.literal('RSA'),
        n: z.string(),
        e: z.string(),
        endorsements: z.array(z.string()).optional(),
      })
      .passthrough(),
  ),
});
type BotKey = z.infer<typeof KeySet>['keys'][number];

export type BotFrameworkVerifier = (
  authorization: string | undefined,
  activity: { readonly serviceUrl: string; readonly channelId: string },
) => Promise<AuthResult>;

export function botFrameworkVerifier(options: {
  readonly clientId: string;
  readonly metadataUrl?: string;
  readonly now?: () => Date;
}): BotFrameworkVerifier {
  const metadataUrl = options.metadataUrl ?? BOT_FRAMEWORK_METADATA_URL;
  let cache: { keys: Map<string, BotKey>; at: number } | undefined;
  let loading: Promise<Map<string, BotKey>> | undefined;

  async function load(): Promise<Map<string, BotKey>> {
    const metadata = Metadata.parse(await getJson(metadataUrl));
    const jwksUri = new URL(metadata.jwks_uri);
    // Keys only from the Bot Framework's own host, whatever the metadata says.
    if (
      metadata.issuer !== BOT_FRAMEWORK_ISSUER ||
      jwksUri.protocol !== 'https:' ||
      jwksUri.hostname !== new URL(metadataUrl).hostname
    ) {
      throw new Error('Bot Framework metadata names an unexpected issuer or key location');
    }
    const set = KeySet.parse(await getJson(jwksUri.href));
    const keys = new Map(set.keys.map((k) => [k.kid, k]));
    cache = { keys, at: Date.now() };
    return keys;
  }

  async function keyFor(kid: string): Promise<BotKey | undefined> {
    const fresh = cache && Date.now() - cache.at < KEYS_MAX_AGE_MS;
    const mayRefresh = !cache || Date.now() - cache.at > UNKNOWN_KID_REFRESH_MS;
    if (fresh && (cache?.keys.has(kid) || !mayRefresh)) return cache?.keys.get(kid);
    loading ??= load().finally(() => {
      loading = undefined;
    });
    return (await loading).get(kid);
  }

  return async (authorization, activity) => {
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(
      authorization?.trim() ?? '',
    );
    if (!authorization) return { ok: false, reason: 'missingToken' };
    if (!match?.[1]) return { ok: false, reason: 'malformedToken' };
    const token = match[1];
    const header = decodePart(token.split('.')[0] ?? '') as Partial<JWTHeaderParameters> | undefined;
    const claims = decodePart(token.split('.')[1] ?? '') as { iss?: unknown } | undefined;
    if (!header || !claims) return { ok: false, reason: 'malformedToken' };
    // Refused before any key is fetched: Entra ID tokens, unsigned or symmetric tokens.
    if (claims.iss !== BOT_FRAMEWORK_ISSUER || header.alg !== 'RS256' || typeof header.kid !== 'string') {
      return { ok: false, reason: 'notBotFramework' };
    }
    let key: BotKey | undefined;
    try {
      key = await keyFor(header.kid);
    } catch {
      return { ok: false, reason: 'keysUnavailable' };
    }
    if (!key) return { ok: false, reason: 'unknownKey' };
    if (!key.endorsements?.includes(activity.channelId)) return { ok: false, reason: 'notEndorsed' };
    let payload: Record<string, unknown>;
    try {
      const publicKey = await importJWK({ ...(key as JWK), alg: 'RS256' }, 'RS256');
      ({ payload } = await jwtVerify(token, publicKey, {
        issuer: BOT_FRAMEWORK_ISSUER,
        audience: options.clientId,
        algorithms: ['RS256'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp'],
        ...(options.now ? { currentDate: options.now() } : {}),
      }));
    } catch {
      return { ok: false, reason: 'invalidToken' };
    }
    if (payload.serviceurl !== activity.serviceUrl) return { ok: false, reason: 'serviceUrlMismatch' };
    return { ok: true };
  };
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error' });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return res.json();
}
