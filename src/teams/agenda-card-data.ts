import type { AgendaCardData } from '../../cards/agenda-cards.js';
import type { ItemView } from '../../cards/topic-cards.js';
import type { AgendaView } from '../app/agenda/agenda-for.js';
import { type Body, officeById } from '../domain/body.js';
import type { ItemRow } from '../ports/records.js';

/** An agenda item as cards show it (office names instead of ids). */
export function itemView(body: Body, row: ItemRow): ItemView {
  return {
    itemId: row.itemId,
    title: row.title,
    purpose: row.purpose,
    officeName: officeById(body, row.officeId)?.name ?? row.officeId,
    description: row.description,
    documents: row.documents,
    conflictsOfGoals: row.conflictsOfGoals,
  };
}

export function numberedItems(body: Body, view: AgendaView): AgendaCardData['items'] {
  return view.items.map((i) => ({
    ...itemView(body, i.row),
    number: i.number,
    marking: i.marking,
    voted: view.voted.has(i.row.itemId),
  }));
}

/** What the agenda card shows, from the stored agenda. */
export function agendaCardData(body: Body, view: AgendaView): AgendaCardData {
  return {
    body,
    sessionId: view.sessionId,
    start: view.timeline.start,
    place: view.place,
    registrationClosesAt: view.timeline.registrationClosesAt,
    registrationOpen: view.registrationOpen,
    items: numberedItems(body, view),
    pendingLate: view.pendingLate.length,
    followUps: [...(view.followUps ?? [])],
    lateTopics: view.pendingLate.map((row) => ({
      itemId: row.itemId,
      title: row.title,
      officeName: officeById(body, row.officeId)?.name ?? row.officeId,
    })),
  };
}
