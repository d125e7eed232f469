import { z } from 'zod';
import { LIMITS } from './limits.js';
import { type RegistrationWindow, registrationWindow, type SessionTimeline } from './schedule.js';
import { type TextProblem, textProblem } from './text.js';

/** Besprechungsgrund: Information, Diskussion/Erörterung, Beschluss, Unterstützungsbedarf. */
export const PURPOSES = ['information', 'discussion', 'decision', 'support'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** How the invitation marks an item (000 §5, §5.1): a decision item, or one for discussion. */
export type Marking = 'Beschluss' | 'Erörterung';

export function markingOf(purpose: Purpose): Marking {
  return purpose === 'decision' ? 'Beschluss' : 'Erörterung';
}

/** A topic as a member submits it. The submitting office is not part of it: it comes from membership. */
export type TopicDraft = {
  readonly title: string;
  readonly purpose: Purpose;
  readonly description: string;
  readonly documents: readonly string[];
  readonly conflictsOfGoals: string;
};

export type TopicField = 'title' | 'purpose' | 'description' | 'documents' | 'conflictsOfGoals';
export type TopicProblem = {
  readonly field: TopicField;
  readonly code: 'required' | 'tooShort' | 'tooLong' | 'tooMany' | 'notHttps' | 'invalid' | TextProblem;
  readonly limit?: number;
};

const httpsUrl = z
  .string()
  .max(LIMITS.documentUrl.max)
  .refine((s) => {
    try {
      const url = new URL(s);
      return url.protocol === 'https:' && url.hostname.includes('.');
    } catch {
      return false;
    }
  });

/**
 * Checks a topic field by field. A Beschluss item must come with documents and a
 * description of the conflicts of goals (000 §5.1.1). All problems are returned at once so
 * the form can mark every faulty field.
 */
export function validateTopic(draft: {
  title?: unknown;
  purpose?: unknown;
  description?: unknown;
  documents?: unknown;
  conflictsOfGoals?: unknown;
}): { ok: true; topic: TopicDraft } | { ok: false; problems: TopicProblem[] } {
  const problems: TopicProblem[] = [];
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const title = text(draft.title);
  const description = text(draft.description);
  const conflictsOfGoals = text(draft.conflictsOfGoals);
  const documents = (Array.isArray(draft.documents) ? draft.documents : [])
    .map((d) => text(d))
    .filter((d) => d !== '');

  const titleText = textProblem(title, 'line');
  if (title === '') problems.push({ field: 'title', code: 'required' });
  else if (titleText) problems.push({ field: 'title', code: titleText });
  else if (title.length < LIMITS.topicTitle.min)
    problems.push({ field: 'title', code: 'tooShort', limit: LIMITS.topicTitle.min });
  else if (title.length > LIMITS.topicTitle.max)
    problems.push({ field: 'title', code: 'tooLong', limit: LIMITS.topicTitle.max });

  const purpose = z.enum(PURPOSES).safeParse(draft.purpose);
  if (!purpose.success) problems.push({ field: 'purpose', code: draft.purpose ? 'invalid' : 'required' });

  const descriptionText = textProblem(description, 'multiline');
  if (descriptionText) problems.push({ field: 'description', code: descriptionText });
  else if (description.length > LIMITS.topicDescription.max) {
    problems.push({ field: 'description', code: 'tooLong', limit: LIMITS.topicDescription.max });
  }
  const documentProblem = checkDocumentLinks(documents);
  if (documentProblem) problems.push({ field: 'documents', ...documentProblem });
  const conflictsText = textProblem(conflictsOfGoals, 'multiline');
  if (conflictsText) problems.push({ field: 'conflictsOfGoals', code: conflictsText });
  else if (conflictsOfGoals.length > LIMITS.conflictsOfGoals.max) {
    problems.push({ field: 'conflictsOfGoals', code: 'tooLong', limit: LIMITS.conflictsOfGoals.max });
  }
  if (purpose.success && purpose.data === 'decision') {
    if (documents.length === 0 && !problems.some((p) => p.field === 'documents')) {
      problems.push({ field: 'documents', code: 'required' });
    }
    if (conflictsOfGoals === '' && !conflictsText)
      problems.push({ field: 'conflictsOfGoals', code: 'required' });
  }
  if (problems.length > 0 || !purpose.success) return { ok: false, problems };
  return { ok: true, topic: { title, purpose: purpose.data, description, documents, conflictsOfGoals } };
}

/** Documents are https links, at most `LIMITS.documentsPerTopic.max` of them. */
export function checkDocumentLinks(
  documents: readonly string[],
): { code: 'tooMany' | 'notHttps'; limit?: number } | undefined {
  if (documents.length > LIMITS.documentsPerTopic.max) {
    return { code: 'tooMany', limit: LIMITS.documentsPerTopic.max };
  }
  if (documents.some((d) => !httpsUrl.safeParse(d).success)) return { code: 'notHttps' };
  return undefined;
}

/** On time, late (the SPK must accept it), or refused because the session has begun. */
export type Timing =
  | { readonly kind: 'onTime' }
  | { readonly kind: 'late' }
  | { readonly kind: 'sessionStarted' };

export function topicTiming(timeline: SessionTimeline, now: Date): Timing {
  const window: RegistrationWindow = registrationWindow(timeline, now);
  return window.kind === 'open'
    ? { kind: 'onTime' }
    : window.kind === 'late'
      ? { kind: 'late' }
      : { kind: 'sessionStarted' };
}

export type ItemStatus = 'registered' | 'lateRequested' | 'lateAccepted' | 'lateDeclined' | 'withdrawn';

export type AgendaItem = {
  readonly id: string;
  readonly title: string;
  readonly purpose: Purpose;
  readonly officeId: string;
  readonly status: ItemStatus;
  readonly registeredAt: Date;
  /** Set by the SPK when reordering; items without one follow in registration order. */
  readonly position?: number;
};

export type NumberedItem<T extends AgendaItem> = T & { readonly number: number; readonly marking: Marking };

/**
 * The agenda: items registered on time and late items the SPK accepted, in the SPK's order
 * (then by registration time), numbered TOP 1…n and marked Beschluss or Erörterung.
 * Withdrawn, declined and still-pending late items are not on it.
 */
export function agendaOf<T extends AgendaItem>(items: readonly T[]): NumberedItem<T>[] {
  return items
    .filter((i) => i.status === 'registered' || i.status === 'lateAccepted')
    .sort(
      (a, b) =>
        (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER) ||
        a.registeredAt.getTime() - b.registeredAt.getTime() ||
        a.id.localeCompare(b.id),
    )
    .map((item, i) => ({ ...item, number: i + 1, marking: markingOf(item.purpose) }));
}

/**
 * Who may withdraw an item: its own office until registration closes; the SPK until the
 * session starts. Nobody else.
 */
export function mayWithdraw(
  item: AgendaItem,
  actor: { readonly officeId: string; readonly isSecretariat: boolean },
  timeline: SessionTimeline,
  now: Date,
): boolean {
  if (item.status === 'withdrawn') return false;
  if (now.getTime() >= timeline.start.getTime()) return false;
  if (actor.isSecretariat) return true;
  return actor.officeId === item.officeId && now.getTime() < timeline.registrationClosesAt.getTime();
}

/**
 * An item that has been voted on (a vote open or closed) keeps its words: its title, text and
 * purpose are what the offices voted on and what the protocol and register state. It can be
 * neither edited nor withdrawn.
 */
export function isVotedOn(itemId: string, votedItemIds: Iterable<string>): boolean {
  for (const id of votedItemIds) if (id === itemId) return true;
  return false;
}
