import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The trigger endpoint's signature, for an external scheduler (e.g. an Azure timer):
 *
 *   X-Gremienbot-Signature: t=<unix seconds>,n=<nonce>,s=<hex HMAC-SHA256(secret, "t.n.body")>
 *
 * A request is accepted within five minutes of its time and only once per nonce (the caller
 * records nonces), so a captured request cannot be replayed.
 */
export const TRIGGER_HEADER = 'x-gremienbot-signature';
export const TRIGGER_WINDOW_MS = 5 * 60_000;

export type TriggerCheck =
  | { readonly ok: true; readonly nonce: string; readonly at: Date }
  | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'expired' | 'badSignature' };

export function signTrigger(secret: string, body: string, at: Date, nonce: string): string {
  const t = Math.floor(at.getTime() / 1000);
  const s = createHmac('sha256', secret).update(`${t}.${nonce}.${body}`).digest('hex');
  return `t=${t},n=${nonce},s=${s}`;
}

export function verifyTrigger(
  secret: string,
  header: string | undefined,
  body: string,
  now: Date,
): TriggerCheck {
  if (!header) return { ok: false, reason: 'missing' };
  const parts = Object.fromEntries(
    header.split(',').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()];
    }),
  );
  const t = Number(parts.t);
  const n = parts.n ?? '';
  const s = parts.s ?? '';
  if (!Number.isInteger(t) || !/^[A-Za-z0-9-]{16,64}$/.test(n) || !/^[0-9a-f]{64}$/.test(s)) {
    return { ok: false, reason: 'malformed' };
  }
  const at = new Date(t * 1000);
  if (Math.abs(now.getTime() - at.getTime()) > TRIGGER_WINDOW_MS) return { ok: false, reason: 'expired' };
  const expected = createHmac('sha256', secret).update(`${t}.${n}.${body}`).digest();
  const given = Buffer.from(s, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'badSignature' };
  }
  return { ok: true, nonce: n, at };
}
