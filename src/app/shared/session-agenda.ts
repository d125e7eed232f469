import { type AgendaItem, agendaOf, type NumberedItem } from '../../domain/agenda.js';
import type { SessionSnapshot } from '../../ports/gremien-store.js';
import type { ItemRow } from '../../ports/records.js';

/** Document links from the form: one per line (commas and semicolons also separate). */
export function splitDocuments(documents: unknown): unknown[] {
  if (Array.isArray(documents)) return documents;
  return typeof documents === 'string' ? documents.split(/\s*[\n,;]\s*/) : [];
}

/** A session's agenda (numbered, marked) from its stored items. */
export function sessionAgenda(snapshot: SessionSnapshot): NumberedItem<AgendaItem & { row: ItemRow }>[] {
  return agendaOf([...snapshot.items.values()].map((v) => ({ ...toAgendaItem(v.value), row: v.value })));
}

export function toAgendaItem(row: ItemRow): AgendaItem {
  return {
    id: row.itemId,
    title: row.title,
    purpose: row.purpose,
    officeId: row.officeId,
    status: row.status,
    registeredAt: new Date(row.registeredAt),
    ...(row.position === undefined ? {} : { position: row.position }),
  };
}
