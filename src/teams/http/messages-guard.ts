import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Logger } from '../../ports/logger.js';
import { botFrameworkVerifier } from './bot-framework-auth.js';

/** The largest activity accepted; Teams' own messages and card submits are far below it. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

/**
 * What every activity must carry before any handler sees it. The rest of the activity is the
 * SDK's to read; this only makes sure the fields the bot relies on are there and typed.
 */
const Envelope = z.object({
  type: z.string().min(1).max(64),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.string().min(1).max(2048),
  conversation: z.object({ id: z.string().min(1).max(1024) }),
  from: z.object({ id: z.string().min(1).max(1024) }),
  recipient: z.object({ id: z.string().min(1).max(1024) }).optional(),
});

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Is the connector at `serviceUrl` one the bot may answer (and send its token to)? */
export function serviceUrlAllowed(
  serviceUrl: string,
  allowed: readonly string[],
  localDev: boolean,
): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (localDev && (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK.has(url.hostname)) {
    return true;
  }
  if (url.protocol !== 'https:') return false;
  const normalised = `${url.origin}${url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`}`;
  return allowed.some((prefix) => normalised.startsWith(prefix));
}

/**
 * The checks in front of the Teams SDK on POST /api/messages, in order: JSON content type,
 * size, JSON, the envelope's fields, the Bot Framework token (unless local development), the
 * serviceUrl allow-list. A refused request is answered with a short JSON code; its body is
 * never logged, only the refusal's reason.
 */
export function messagesGuard(config: Config, logger: Logger): RequestHandler[] {
  const localDev = config.auth.mode === 'local-dev';
  const verify =
    config.auth.mode === 'bot-framework'
      ? botFrameworkVerifier({ clientId: config.auth.clientId })
      : undefined;

  const contentType: RequestHandler = (req, res, next) => {
    if (!req.is('application/json')) {
      res.status(400).json({ error: 'unsupported_content_type' });
      return;
    }
    next();
  };
  const check: RequestHandler = async (req, res, next) => {
    const envelope = Envelope.safeParse(req.body);
    if (!envelope.success) {
      logger.warn('activity refused', { reason: 'invalidActivity' });
      res.status(400).json({ error: 'invalid_activity' });
      return;
    }
    const activity = envelope.data;
    if (verify) {
      const auth = await verify(req.header('authorization'), activity);
      if (!auth.ok) {
        logger.warn('activity refused', { reason: auth.reason, type: activity.type });
        res.status(auth.reason === 'keysUnavailable' ? 503 : 401).json({
          error: auth.reason === 'keysUnavailable' ? 'unavailable' : 'unauthorized',
        });
        return;
      }
    }
    if (!serviceUrlAllowed(activity.serviceUrl, config.allowedServiceUrls, localDev)) {
      logger.warn('activity refused', { reason: 'serviceUrlNotAllowed', type: activity.type });
      res.status(403).json({ error: 'service_url_not_allowed' });
      return;
    }
    next();
  };
  return [contentType, express.json({ limit: MAX_ACTIVITY_BYTES, strict: true }), check];
}

/**
 * The last handlers of the HTTP server: an unknown route is a JSON 404, and every error —
 * a body that is not JSON, too large, or anything a handler threw — is a short JSON answer.
 * Never an HTML page, never a stack trace; details go to the log.
 */
export function jsonFallbacks(logger: Logger): [RequestHandler, ErrorRequestHandler] {
  const notFound: RequestHandler = (_req, res) => {
    res.status(404).json({ error: 'not_found' });
  };
  const onError: ErrorRequestHandler = (err: unknown, req, res, _next) => {
    const type = (err as { type?: unknown }).type;
    const status = (err as { status?: unknown }).status;
    if (type === 'entity.too.large') {
      res.status(413).json({ error: 'too_large' });
      return;
    }
    if (type === 'entity.parse.failed' || type === 'charset.unsupported' || type === 'encoding.unsupported') {
      res.status(400).json({ error: 'malformed_body' });
      return;
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: 'bad_request' });
      return;
    }
    // Only the route's first segment: a file link's path is a credential.
    logger.error('request failed', {
      method: req.method,
      route: req.path.split('/').slice(0, 2).join('/').slice(0, 40),
      error: err,
    });
    if (res.headersSent) return;
    res.status(500).json({ error: 'internal' });
  };
  return [notFound, onError];
}
