import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInCard } from '../../cards/check-in-card.js';
import { type FollowUpLine, followUpListCard, followUpSection } from '../../cards/follow-up-cards.js';
import { reminderCard } from '../../cards/notification-cards.js';
import { protocolCard } from '../../cards/protocol-cards.js';
import { decisionCard } from '../../cards/register-cards.js';

/**
 * Member-typed text is plain text in every card: a title such as
 * `[Anwesenheit bestätigen](https://…)` must not become a link, nor `**x**` bold.
 */
const HOSTILE = '[Anwesenheit bestätigen](https://evil.example/x) **laut** `code`';

/** Every text of a card that Teams renders as Markdown. */
function texts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
      if (typeof o.value === 'string' && typeof o.title === 'string') out.push(o.value);
      for (const x of Object.values(o)) walk(x);
    }
  };
  walk(card);
  return out;
}

/** No Markdown link can form: every `](` in the card's texts has its bracket escaped. */
function rendersPlain(card: unknown): boolean {
  return texts(card).every((text) => !/(^|[^\\])\]\(/.test(text));
}

const checkIn = (title: string, place = 'Raum 1', office = 'Jugendamt') =>
  checkInCard('de', {
    bodyId: 'ag-1',
    sessionId: 's0',
    bodyName: 'AG Planung',
    start: new Date(Date.UTC(2027, 0, 14, 9)),
    place,
    agenda: [{ number: 1, title, marking: 'Beschluss' }],
    quorum: { presentVoting: 1, needed: 1, votingMembers: 1, quorate: true },
    present: [office],
    advisory: [],
  });

describe('user text is plain text in every card', () => {
  it('the check-in card: a title, place or name with Markdown shows as typed', () => {
    const card = checkIn(HOSTILE, HOSTILE, HOSTILE);
    for (const text of texts(card)) {
      expect(text).not.toMatch(/(^|[^\\])\[Anwesenheit bestätigen\]\(/);
      expect(text).not.toMatch(/(^|[^\\])\*\*laut/);
    }
    expect(texts(card).join('\n')).toContain('\\[Anwesenheit bestätigen\\](https://evil.example/x)');
  });

  it('the protocol card: Umlauf titles show as typed', () => {
    const card = protocolCard(
      'de',
      {
        ...protocolFixture(),
        umlaufs: [{ title: HOSTILE } as never],
      },
      {},
    );
    const all = texts(card).join('\n');
    expect(all).not.toMatch(/(^|[^\\])\[Anwesenheit bestätigen\]\(/);
    expect(all).toContain('\\[Anwesenheit bestätigen\\]');
  });

  it('any typed title: no Markdown link survives in the check-in card (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.webUrl(), (label, url) => {
        const title = `[${label}](${url})`;
        return rendersPlain(checkIn(title, title, title));
      }),
      { numRuns: 200 },
    );
  });
});

describe('follow-ups: typed task, note, office and origin are plain text in every card (property)', () => {
  const line = (text: string, status: 'open' | 'done'): FollowUpLine => ({
    id: 'f1',
    what: text,
    office: text,
    origin: text,
    due: 'next',
    dueSession: '2027-02-11',
    status,
    overdue: status === 'open',
    doneAt: status === 'done' ? '2027-02-01T09:00:00.000Z' : '',
    doneNote: status === 'done' ? text : '',
  });
  const cards = (f: FollowUpLine) => [
    followUpListCard('de', {
      bodyId: 'ag-1',
      bodyName: 'AG',
      lines: [f],
      canComplete: new Set(['f1']),
    }),
    { type: 'AdaptiveCard', body: followUpSection('de', [f]) },
    reminderCard('de', {
      body: { id: 'ag-1', name: 'AG' },
      sessionId: 's0',
      start: new Date(Date.UTC(2027, 1, 11, 9)),
      place: '',
      registrationClosesAt: new Date(Date.UTC(2027, 1, 4, 23)),
      deadlineToday: false,
      registrationOpen: true,
      topics: [],
      followUps: [f],
    }),
    decisionCard(
      'de',
      {
        number: 1,
        year: 2027,
        label: 'AG 2027/01',
        kind: 'vote',
        ref: 'session/s/v',
        sessionId: 's',
        title: 'T',
        text: '',
        outcome: 'adopted',
        counts: { yes: 1, no: 0, abstain: 0 },
        decidedAt: '2027-01-14T10:00:00.000Z',
        ballots: [],
      },
      { followUps: [f] },
    ),
  ];

  it('a link in the task or the note never becomes a link', () => {
    for (const status of ['open', 'done'] as const)
      for (const card of cards(line(HOSTILE, status))) {
        expect(rendersPlain(card)).toBe(true);
        expect(texts(card).join('\n')).toContain('\\[Anwesenheit bestätigen\\]');
      }
  });

  it('any typed text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.webUrl(), fc.boolean(), (label, url, done) =>
        cards(line(`[${label}](${url})`, done ? 'done' : 'open')).every(rendersPlain),
      ),
      { numRuns: 200 },
    );
  });
});

function protocolFixture() {
  return {
    version: 1,
    body: { id: 'ag-1', name: 'AG Planung', shortName: 'AG Planung' },
    sessionId: '2027-01-14-1000',
    date: '2027-01-14',
    startTime: '10:00',
    endTime: '12:00',
    place: 'Raum 1',
    chair: { office: 'SPK', person: 'Sabine' },
    writer: { office: 'SPK', person: 'Sabine' },
    attendance: [],
    quorumAtStart: { votingMembers: 1, presentVoting: 1, needed: 1, quorate: true },
    items: [],
    umlaufs: [],
    remarks: '',
    release: { at: '2027-01-15T09:00:00.000Z' },
  } as unknown as Parameters<typeof protocolCard>[1];
}
