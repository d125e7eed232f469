import type { Body } from '../../domain/body.js';
import { addDays, localDateOf, type PlainDate } from '../../domain/calendar.js';
import type { ProtocolDocument } from '../../domain/protocol.js';
import type { GremienStore } from '../../ports/gremien-store.js';
import { sessionsOn } from '../sessions/session-queries.js';
import type { MembershipDeps } from '../shared/deps.js';
import { LOOK_BACK_DAYS } from './protocol-context.js';

/** A released version as stored (the latest when no version is named). */
export async function releasedProtocolDocument(
  store: GremienStore,
  bodyId: string,
  sessionId: string,
  version?: number,
): Promise<ProtocolDocument | undefined> {
  const { versions } = await store.loadProtocol(bodyId, sessionId);
  const row = version === undefined ? versions.at(-1) : versions.find((v) => v.version === version);
  return row ? (JSON.parse(row.document) as ProtocolDocument) : undefined;
}

/**
 * The protocol a member asks for: of the session on `date`, or the body's latest released
 * one. `noSession`: no session that day; `notReleased`: the session has no released protocol.
 */
export async function findProtocol(
  deps: MembershipDeps,
  body: Body,
  date?: PlainDate,
): Promise<
  | { readonly kind: 'found'; readonly document: ProtocolDocument; readonly versions: number }
  | { readonly kind: 'noSession' | 'notReleased' | 'none' }
> {
  const today = localDateOf(deps.clock.now());
  const when = (s: { session: { date: string; startTime: string } }) =>
    `${s.session.date}T${s.session.startTime}`;
  const candidates = date
    ? (await sessionsOn(deps, body, date)).filter((s) => s.session.status !== 'cancelled')
    : (await deps.store.sessionsFrom(body.id, addDays(today, -LOOK_BACK_DAYS)))
        .filter((s) => s.session.status === 'ended')
        .sort((a, b) => when(b).localeCompare(when(a)));
  if (date && candidates.length === 0) return { kind: 'noSession' };
  for (const s of candidates) {
    const { versions } = await deps.store.loadProtocol(body.id, s.sessionId);
    const latest = versions.at(-1);
    if (latest)
      return {
        kind: 'found',
        document: JSON.parse(latest.document) as ProtocolDocument,
        versions: versions.length,
      };
  }
  return { kind: date ? 'notReleased' : 'none' };
}

/**
 * The ended session whose protocol is still being written (never released, or a correction
 * under way): on `date`, or the latest one. For the SPK, who may come back to a draft later.
 */
export async function findOpenDraft(
  deps: MembershipDeps,
  body: Body,
  date?: PlainDate,
): Promise<string | undefined> {
  const today = localDateOf(deps.clock.now());
  const ended = (
    date
      ? await sessionsOn(deps, body, date)
      : await deps.store.sessionsFrom(body.id, addDays(today, -LOOK_BACK_DAYS))
  )
    .filter((s) => s.session.status === 'ended')
    .sort((a, b) =>
      `${b.session.date}T${b.session.startTime}`.localeCompare(`${a.session.date}T${a.session.startTime}`),
    );
  const [latest] = ended;
  if (!latest) return undefined;
  const { draft, versions } = await deps.store.loadProtocol(body.id, latest.sessionId);
  const open = draft ? draft.value.status === 'open' : versions.length === 0;
  return open ? latest.sessionId : undefined;
}
