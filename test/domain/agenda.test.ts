import { describe, expect, it } from 'vitest';
import {
  type AgendaItem,
  agendaOf,
  markingOf,
  mayWithdraw,
  topicTiming,
  validateTopic,
} from '../../src/domain/agenda.js';
import { LIMITS } from '../../src/domain/limits.js';
import { sessionTimeline } from '../../src/domain/schedule.js';
import { makeBody } from '../support/bodies.js';

const decision = {
  title: 'Standortentscheidung Kita Lützowstraße',
  purpose: 'decision',
  description: 'Vorlage für das Bezirksamt',
  documents: ['https://intranet.berlin.de/vorlagen/kita-luetzow.pdf'],
  conflictsOfGoals: 'Grünfläche gegen Kitaplätze',
};

describe('validateTopic', () => {
  it('accepts a complete Beschluss item and trims text', () => {
    const result = validateTopic({ ...decision, title: '  Standortentscheidung  ' });
    expect(result).toEqual({ ok: true, topic: { ...decision, title: 'Standortentscheidung' } });
  });

  it('accepts an Information item without documents or conflicts of goals', () => {
    expect(validateTopic({ title: 'Bericht Quartiersmanagement', purpose: 'information' }).ok).toBe(true);
  });

  it.each([
    [
      'a Beschluss item without conflicts of goals',
      { ...decision, conflictsOfGoals: ' ' },
      [{ field: 'conflictsOfGoals', code: 'required' }],
    ],
    [
      'a Beschluss item without documents',
      { ...decision, documents: [] },
      [{ field: 'documents', code: 'required' }],
    ],
    ['a missing title', { ...decision, title: '' }, [{ field: 'title', code: 'required' }]],
    [
      'a too long title',
      { ...decision, title: 'x'.repeat(151) },
      [{ field: 'title', code: 'tooLong', limit: 150 }],
    ],
    ['an unknown purpose', { ...decision, purpose: 'vote' }, [{ field: 'purpose', code: 'invalid' }]],
    ['no purpose', { ...decision, purpose: undefined }, [{ field: 'purpose', code: 'required' }]],
    [
      'a document link over http',
      { ...decision, documents: ['http://intranet.berlin.de/a.pdf'] },
      [{ field: 'documents', code: 'notHttps' }],
    ],
    [
      'a document that is no URL',
      { ...decision, documents: ['Vorlage.pdf'] },
      [{ field: 'documents', code: 'notHttps' }],
    ],
    [
      'a javascript: link',
      { ...decision, documents: ['javascript:alert(1)'] },
      [{ field: 'documents', code: 'notHttps' }],
    ],
    [
      'too many documents',
      { ...decision, documents: Array.from({ length: 11 }, (_, i) => `https://a.de/${i}`) },
      [{ field: 'documents', code: 'tooMany', limit: 10 }],
    ],
    [
      'an oversized description',
      { ...decision, description: 'x'.repeat(LIMITS.topicDescription.max + 1) },
      [{ field: 'description', code: 'tooLong', limit: 2000 }],
    ],
  ])('rejects %s', (_name, input, problems) => {
    expect(validateTopic(input)).toEqual({ ok: false, problems });
  });

  it('marks every faulty field at once', () => {
    const result = validateTopic({ title: '', purpose: 'decision', documents: [], conflictsOfGoals: '' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.map((p) => p.field).sort()).toEqual(['conflictsOfGoals', 'documents', 'title']);
  });
});

describe('marking and order', () => {
  it('marks Beschluss items as Beschluss and the rest as Erörterung', () => {
    expect(markingOf('decision')).toBe('Beschluss');
    expect(['information', 'discussion', 'support'].map((p) => markingOf(p as 'information'))).toEqual([
      'Erörterung',
      'Erörterung',
      'Erörterung',
    ]);
  });

  const item = (id: string, status: AgendaItem['status'], minute: number, position?: number): AgendaItem => ({
    id,
    title: id,
    purpose: id.startsWith('b') ? 'decision' : 'information',
    officeId: 'amt-1',
    status,
    registeredAt: new Date(Date.UTC(2026, 10, 1, 9, minute)),
    ...(position === undefined ? {} : { position }),
  });

  it('lists on-time and accepted late items in the SPK’s order, then by registration, numbered', () => {
    const agenda = agendaOf([
      item('i-late-pending', 'lateRequested', 1),
      item('i-third', 'registered', 30),
      item('b-first', 'registered', 50, 1),
      item('i-withdrawn', 'withdrawn', 2),
      item('i-second', 'registered', 10),
      item('i-late-ok', 'lateAccepted', 60),
      item('i-declined', 'lateDeclined', 3),
    ]);
    expect(agenda.map((i) => [i.number, i.id, i.marking])).toEqual([
      [1, 'b-first', 'Beschluss'],
      [2, 'i-second', 'Erörterung'],
      [3, 'i-third', 'Erörterung'],
      [4, 'i-late-ok', 'Erörterung'],
    ]);
  });
});

describe('timing and withdrawal', () => {
  const body = makeBody();
  const t = sessionTimeline(body, '2026-12-10');
  const own = {
    id: 'x',
    title: 'x',
    purpose: 'information',
    officeId: 'amt-1',
    status: 'registered',
    registeredAt: new Date(0),
  } as const;

  it('before the deadline on time, after it late, at the session refused', () => {
    expect(topicTiming(t, new Date('2026-12-01T10:00:00Z')).kind).toBe('onTime');
    expect(topicTiming(t, new Date('2026-12-05T10:00:00Z')).kind).toBe('late');
    expect(topicTiming(t, t.start).kind).toBe('sessionStarted');
  });

  it('the submitting office may withdraw until the deadline; another office never', () => {
    const before = new Date('2026-12-02T10:00:00Z');
    const after = new Date('2026-12-05T10:00:00Z');
    expect(mayWithdraw(own, { officeId: 'amt-1', isSecretariat: false }, t, before)).toBe(true);
    expect(mayWithdraw(own, { officeId: 'amt-1', isSecretariat: false }, t, after)).toBe(false);
    expect(mayWithdraw(own, { officeId: 'amt-2', isSecretariat: false }, t, before)).toBe(false);
  });

  it('the SPK may withdraw until the session starts', () => {
    const spk = { officeId: 'spk', isSecretariat: true };
    expect(mayWithdraw(own, spk, t, new Date('2026-12-09T10:00:00Z'))).toBe(true);
    expect(mayWithdraw(own, spk, t, t.start)).toBe(false);
  });
});
