import { type Body, officeById } from '../../domain/body.js';
import type { FollowUpLine } from '../../domain/follow-up.js';
import type { SessionSnapshot } from '../../ports/gremien-store.js';
import type { ArchiveAgenda } from '../archive/archive-types.js';
import { sessionAgenda } from '../shared/session-agenda.js';
import { timelineOf } from '../shared/session-facts.js';

/** What a session's agenda file says (downloads and the group drive). */
export function agendaContent(
  body: Body,
  snapshot: SessionSnapshot,
  followUps: readonly FollowUpLine[] = [],
): ArchiveAgenda {
  const session = snapshot.session.value;
  const timeline = timelineOf(body, session);
  return {
    kind: 'agenda',
    body,
    date: session.date,
    document: {
      bodyName: body.name,
      start: timeline.start,
      end: timeline.end,
      place: session.place,
      registrationClosesAt: timeline.registrationClosesAt,
      items: sessionAgenda(snapshot).map((i) => ({
        number: i.number,
        title: i.title,
        marking: i.marking,
        purpose: i.purpose,
        office: officeById(body, i.officeId)?.name ?? i.officeId,
        submitter: i.row.submitterName,
        description: i.row.description,
        documents: [...i.row.documents],
      })),
      followUps,
    },
  };
}
