/**
 * What the bot sends on its own, rendered: the scheduler (src/app/notifications) decides what is
 * due and reads its subject; this turns subject and recipient into the card, in the recipient's
 * language. Injected into the scheduler as `compose`, so the app layer builds no cards.
 */
import { agendaCard } from '../../cards/agenda-cards.js';
import { type Locale, localeFrom } from '../../cards/locale.js';
import { textOf } from '../../cards/messages.js';
import {
  filingFailedCard,
  invitationCard,
  reminderCard,
  sessionChangedCard,
  unreachableNoteCard,
} from '../../cards/notification-cards.js';
import { protocolCard } from '../../cards/protocol-cards.js';
import {
  type UmlaufCardData,
  type UmlaufResultData,
  umlaufCard,
  umlaufResultCard,
} from '../../cards/umlauf-cards.js';
import type { NotificationSubject } from '../app/notifications/subject-types.js';
import { sessionAgenda } from '../app/shared/session-agenda.js';
import type { UmlaufView } from '../app/umlauf/umlauf-view.js';
import { topicTiming } from '../domain/agenda.js';
import { type Body, officeById } from '../domain/body.js';
import { isDeadlineDay } from '../domain/notifications.js';
import { registrationWindow } from '../domain/schedule.js';
import { umlaufParticipation } from '../domain/umlauf.js';
import type { OutgoingMessage } from '../ports/messenger.js';
import type { NotificationRow, Recipient } from '../ports/notifications.js';
import { umlaufResultOf } from '../ports/records.js';
import { agendaCardData } from './agenda-card-data.js';

/** The message for one recipient, in their language; channel posts @mention who the bot cannot reach. */
export function composeNotification(
  body: Body,
  row: NotificationRow,
  subject: NotificationSubject,
  recipient: Recipient,
): OutgoingMessage {
  const locale = localeFrom(recipient.locale || undefined);
  if (recipient.kind === 'spkNote' && (row.kind === 'fileProtocol' || row.kind === 'fileAgenda')) {
    const drive = row.recipients.find((r) => r.kind === 'drive');
    return {
      card: filingFailedCard(locale, {
        body: body.name,
        path: subject.kind === 'protocol' ? (subject.filedAs ?? '') : '',
        permission: (drive?.error ?? '').startsWith('permission'),
      }),
    };
  }
  if (recipient.kind === 'spkNote') {
    return {
      card: unreachableNoteCard(locale, { kind: row.kind, body: body.name, names: recipient.unreachable }),
    };
  }
  const notes = {
    ...(row.late ? { lateSince: new Date(row.dueAt) } : {}),
    ...(recipient.kind === 'channel' ? { unreachable: recipient.unreachable } : {}),
  };
  const card = (() => {
    if (subject.kind === 'session') {
      const { snapshot, timeline, now } = subject;
      const items = sessionAgenda(snapshot);
      const session = snapshot.session.value;
      if (row.kind === 'registrationReminder') {
        return reminderCard(locale, {
          body,
          sessionId: snapshot.sessionId,
          start: timeline.start,
          place: session.place,
          registrationClosesAt: timeline.registrationClosesAt,
          deadlineToday: isDeadlineDay(timeline, row.before),
          registrationOpen: registrationWindow(timeline, now).kind === 'open',
          topics: items.map((i) => ({
            number: i.number,
            title: i.title,
            officeName: officeById(body, i.officeId)?.name ?? i.officeId,
          })),
          followUps: [...(subject.followUps ?? [])],
          ...notes,
        });
      }
      const agenda = agendaCard(
        locale,
        agendaCardData(body, {
          body,
          sessionId: snapshot.sessionId,
          timeline,
          place: session.place,
          items,
          pendingLate: [...snapshot.items.values()]
            .map((v) => v.value)
            .filter((r) => r.status === 'lateRequested'),
          registrationOpen: topicTiming(timeline, now).kind === 'onTime',
          voted: new Set([...snapshot.votes.values()].map((v) => v.value.itemId)),
          followUps: [...(subject.followUps ?? [])],
        }),
        { withdraw: false },
      );
      return invitationCard(locale, agenda, {
        calendar: { bodyId: body.id, sessionId: snapshot.sessionId },
        start: timeline.start,
        end: timeline.end,
        place: session.place,
        joinUrl: session.joinUrl,
        ...notes,
      });
    }
    if (subject.kind === 'protocol')
      return protocolCard(locale, subject.document, {
        ...notes,
        ...(subject.filedAs ? { filedAs: subject.filedAs } : {}),
        ...(subject.filedUrl ? { filedUrl: subject.filedUrl } : {}),
      });
    if (subject.kind === 'sessionChange')
      return sessionChangedCard(locale, {
        body: body.name,
        from: subject.from,
        ...(subject.to ? { to: subject.to } : {}),
        place: subject.place,
        ...notes,
      });
    const { view } = subject;
    if (row.kind === 'umlaufClose' || row.kind === 'umlaufResult') {
      return umlaufResultCard(locale, {
        ...umlaufResultData(body, view),
        ...(subject.register ? { register: subject.register } : {}),
        ...notes,
      });
    }
    return umlaufCard(locale, {
      ...umlaufCardData(body, view),
      reminder: row.kind === 'umlaufReminder',
      // The SPK's form is on the channel's copy, where the SPK works, not in members' chats.
      ...(recipient.kind === 'channel' && subject.recordable ? { recordable: [...subject.recordable] } : {}),
      ...notes,
    });
  })();
  if (recipient.kind !== 'channel' || recipient.mentions.length === 0) return { card };
  const names = recipient.mentions.map((m) => `<at>${m.name}</at>`).join(', ');
  return { card, text: mentionText(locale, names), mentions: recipient.mentions };
}

/** The mentions are Teams markup (`<at>…</at>`), not card text: filled as they are. */
function mentionText(locale: Locale, names: string): string {
  return textOf(locale, 'dispatch.attention', { names });
}

/** The ballot card's data from the stored Umlauf (used for the scheduled card and for answers to clicks). */
export function umlaufCardData(body: Body, view: UmlaufView): UmlaufCardData {
  const u = view.umlauf;
  const tally = view.outcome.tally;
  return {
    bodyId: body.id,
    umlaufId: view.umlaufId,
    title: u.title,
    text: u.text,
    documents: u.documents,
    deadline: new Date(u.deadline),
    open: u.status === 'open',
    objectionAllowed: u.objectionAllowed,
    // The rules it opened under (view.body), never today's.
    rule: {
      numerator: view.body.umlauf.majority.fraction.numerator,
      denominator: view.body.umlauf.majority.fraction.denominator,
      comparison: view.body.umlauf.majority.comparison,
      base: view.body.umlauf.majority.base,
    },
    participation: umlaufParticipation(view.body, view.electorate.length, tally),
    counts: { yes: tally.yes, no: tally.no, abstain: tally.abstain, objections: tally.objections },
  };
}

export function umlaufResultData(body: Body, view: UmlaufView): UmlaufResultData {
  const o = view.final;
  const name = (id: string) => officeById(view.body, id)?.name ?? officeById(body, id)?.name ?? id;
  const counted = new Set(o.tally.counted.map((b) => b.officeId));
  const byOffice = (capacity: 'vote' | 'advisory') =>
    view.ballots
      .filter((b) => b.capacity === capacity && (capacity === 'advisory' || counted.has(b.officeId)))
      .sort((a, b) => name(a.officeId).localeCompare(name(b.officeId), 'de'))
      .map((b) => ({
        office: name(b.officeId),
        choice: b.choice,
        argument: b.argument,
        ...(b.recordedBy === 'secretariat' ? { recorded: true } : {}),
      }));
  const base = umlaufCardData(body, view);
  // The result as stored when it closed (what the protocol states too), never recomputed.
  const stored = umlaufResultOf(view.umlauf);
  const announced = stored
    ? {
        outcome: stored.kind,
        counts: stored.counts,
        ...(stored.base !== undefined && stored.required !== undefined
          ? { required: stored.required, base: stored.base }
          : {}),
      }
    : {
        outcome: o.kind,
        counts: base.counts,
        ...('required' in o && 'base' in o ? { required: o.required, base: o.base } : {}),
      };
  return {
    title: view.umlauf.title,
    outcome: announced.outcome,
    closeReason: view.umlauf.closeReason === 'settled' ? 'settled' : 'deadline',
    // Closed by its deadline: the deadline is when it closed (the pass that noticed may come later).
    closedAt: new Date(
      view.umlauf.closeReason === 'settled'
        ? view.umlauf.closedAt || view.umlauf.deadline
        : view.umlauf.deadline,
    ),
    counts: announced.counts,
    participation: base.participation,
    ...('required' in announced ? { required: announced.required, base: announced.base } : {}),
    ballots: byOffice('vote'),
    notVoted: o.tally.notVoted.map(name),
    advisory: byOffice('advisory'),
    ...(view.body.version ? { rulesVersion: view.body.version } : {}),
  };
}
