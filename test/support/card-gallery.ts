import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { agendaCard, manageAgendaCard } from '../../cards/agenda-cards.js';
import { bodyFormCard, bodyPreviewCard } from '../../cards/body-form-card.js';
import { checkInCard } from '../../cards/check-in-card.js';
import { type FollowUpLine, followUpFormCard, followUpListCard } from '../../cards/follow-up-cards.js';
import { helpCard } from '../../cards/help-card.js';
import type { Locale } from '../../cards/locale.js';
import {
  meetingDeparturesCard,
  meetingEndCard,
  meetingLinkedCard,
  meetingSeriesCard,
  meetingStartCard,
} from '../../cards/meeting-cards.js';
import {
  bodyChoiceCard,
  leaveCard,
  membershipRequestCard,
  officeChoiceCard,
  rosterCard,
} from '../../cards/membership-cards.js';
import { noticeCard } from '../../cards/notice-card.js';
import {
  filingFailedCard,
  invitationCard,
  reminderCard,
  sessionChangedCard,
  unreachableNoteCard,
} from '../../cards/notification-cards.js';
import { personalDataCard } from '../../cards/privacy-cards.js';
import { protocolCard, protocolDraftCard } from '../../cards/protocol-cards.js';
import { decisionCard, registerCard } from '../../cards/register-cards.js';
import { rulesCard, rulesHistoryCard } from '../../cards/rules-cards.js';
import { planCard, sessionFormCard, sessionsCard } from '../../cards/session-cards.js';
import { tallyCard } from '../../cards/tally-card.js';
import {
  type ItemView,
  spkTopicCard,
  topicConfirmationCard,
  topicFormCard,
} from '../../cards/topic-cards.js';
import { umlaufCard, umlaufFormCard, umlaufResultCard } from '../../cards/umlauf-cards.js';
import { voteCard } from '../../cards/vote-cards.js';
import { welcomeCard } from '../../cards/welcome-card.js';
import { loadBodies } from '../../src/body-files.js';
import { formOf } from '../../src/domain/body-form.js';
import { LIMITS } from '../../src/domain/limits.js';
import type { ProtocolDocument } from '../../src/domain/protocol.js';
import { helpEntries } from '../../src/teams/commands/table.js';
import { blankTemplate } from '../../src/teams/handlers/body-form.js';

/**
 * Every card the bot can send, rendered with representative data in both languages.
 * The card test parses each of these with the adaptivecards library; a new card
 * must be added here or it is not checked.
 */
/** A Teams join link as the invitation gives it (some 300 characters). */
const JOIN_URL =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQyZGExOGUtNGFiMy00YzI1LWI0N2ItZTY5MjE4ZjdlNzM4%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%2c%22Oid%22%3a%225a1d0c6e-1111-4a00-8000-000000000001%22%7d';

export function everyCard(): { name: string; card: AdaptiveCard }[] {
  const locales: Locale[] = ['de', 'en'];
  // As large as the largest preset: 26 offices (AG SRO Mitte), three bodies.
  const offices = Array.from({ length: 26 }, (_, i) => ({
    id: `amt-${i + 1}`,
    name: `Beauftragte/r für Queer, Diversity und Antidiskriminierung ${i + 1}`,
  }));
  const item = (i: number): ItemView => ({
    itemId: `item-${i}`,
    title: `${'Standortentscheidung Kita und Grünfläche Lichterfelde-Süd '.repeat(4)}`.slice(0, 150),
    purpose: i % 2 === 0 ? 'decision' : 'information',
    officeName: 'Qualitätsentwicklung, Planung und Koordination des öffentlichen Gesundheitsdienstes (QPK)',
    description: 'x'.repeat(2000),
    documents: [
      `https://intranet.berlin.de/vorlagen/${'a'.repeat(80)}-${i}.pdf`,
      `https://intranet.berlin.de/anlagen/${'b'.repeat(80)}-${i}.pdf`,
    ],
    conflictsOfGoals: 'y'.repeat(4000),
  });
  const sessions = [0, 1, 2].map((i) => ({
    sessionId: `s${i}`,
    start: new Date(Date.UTC(2027, i, 14, 9)),
    registrationClosesAt: new Date(Date.UTC(2027, i, 7, 23)),
  }));
  // An agenda as large as the limits allow: 20 items with long titles and documents.
  const agenda20 = {
    body: { id: 'ag-1', name: 'AG Sozialraumorientierung Mitte' },
    sessionId: 's0',
    start: new Date(Date.UTC(2027, 0, 14, 9)),
    place: 'Rathaus Tiergarten, Mathilde-Jacob-Platz 1, Raum 217',
    registrationClosesAt: new Date(Date.UTC(2027, 0, 7, 23)),
    registrationOpen: false,
    items: Array.from({ length: 20 }, (_, i) => ({
      ...item(i),
      number: i + 1,
      marking: i % 2 === 0 ? ('Beschluss' as const) : ('Erörterung' as const),
    })),
    pendingLate: 2,
  };
  const bodies = [1, 2, 3].map((i) => ({ id: `ag-${i}`, name: `AG Sozialraumorientierung Mitte ${i}` }));
  // The largest protocol: 26 offices, 20 items each with a vote, full results and arguments.
  const protocol: ProtocolDocument = {
    version: 2,
    body: { id: 'ag-1', name: 'AG Sozialraumorientierung Mitte', shortName: 'AG SRO' },
    sessionId: '2027-01-14-1000',
    date: '2027-01-14',
    startTime: '10:00',
    endTime: '12:15',
    place: 'Rathaus Tiergarten, Raum 1234',
    chair: { office: 'SPK', person: 'Erika Mustermann' },
    writer: { office: 'SPK', person: 'Erika Mustermann' },
    attendance: offices.map((o, i) => ({
      officeId: o.id,
      office: o.name,
      role: 'voting' as const,
      status: i % 5 === 0 ? ('absent' as const) : ('present' as const),
      stays: i % 5 === 0 ? [] : [{ from: '09:58' }],
      late: false,
      leftEarly: false,
    })),
    quorumAtStart: { votingMembers: 26, presentVoting: 20, needed: 13, quorate: true },
    items: Array.from({ length: 20 }, (_, i) => ({
      number: i + 1,
      title: item(i).title,
      marking: 'Beschluss' as const,
      purpose: 'decision',
      office: offices[i]?.name ?? '',
      submitter: 'Max Mustermann',
      description: 'x'.repeat(2000),
      documents: ['https://example.org/vorlage.pdf'],
      grants: [],
      vote: {
        openedAt: '2027-01-14T09:30:00.000Z',
        quorum: { votingMembers: 26, presentVoting: 20, needed: 13, quorate: true },
        rule: { numerator: 2, denominator: 3, comparison: 'atLeast' as const, base: 'presentVotingMembers' },
        base: 20,
        required: 14,
        outcome: 'adopted' as const,
        counts: { yes: 15, no: 3, abstain: 2 },
        ballots: offices.slice(0, 20).map((o) => ({ office: o.name, choice: 'yes' as const })),
        argumentsFor: [{ office: 'Jugendamt', text: 'y'.repeat(2000) }],
        argumentsAgainst: [],
        otherArguments: [],
        advisory: [],
      },
      result: 'r'.repeat(500),
    })),
    umlaufs: [
      {
        title: 'Eilsache',
        closedAt: '2027-01-02T10:00:00.000Z',
        outcome: 'adopted',
        counts: { yes: 9, no: 0, abstain: 1 },
      },
    ],
    remarks: 's'.repeat(1000),
    release: { at: '2027-01-15T10:00:00.000Z', correctionReason: 'c'.repeat(500) },
  };
  const protocolNotes = Object.fromEntries(protocol.items.map((_, i) => [`item-${i}`, 'r'.repeat(500)]));
  return locales.flatMap((locale) => [
    {
      name: `protocol-draft-20-items/${locale}`,
      card: protocolDraftCard(locale, protocol, {
        intro: 'Die Sitzung ist beendet.',
        notes: protocolNotes,
        itemIds: protocol.items.map((_, i) => `item-${i}`),
      }),
    },
    {
      name: `protocol-20-items/${locale}`,
      card: protocolCard(locale, protocol, {
        lateSince: new Date(Date.UTC(2027, 0, 15, 9)),
        unreachable: ['A'],
        filedAs: 'AG SRO/2027/2027-01-14 10.00 Ergebnisprotokoll (Fassung 2).docx',
        filedUrl: 'https://contoso.sharepoint.com/sites/ag-sro/Shared%20Documents/AG%20SRO/2027/x.docx',
      }),
    },
    {
      name: `spk-note-unreachable/${locale}`,
      card: unreachableNoteCard(locale, {
        kind: 'agenda',
        body: 'AG Sozialraumorientierung Mitte',
        names: Array.from({ length: 26 }, (_, i) => `Vertretung Amt ${i + 1}`),
      }),
    },
    { name: `welcome/personal/${locale}`, card: welcomeCard({ locale, conversationKind: 'personal' }) },
    { name: `welcome/channel/${locale}`, card: welcomeCard({ locale, conversationKind: 'channel' }) },
    { name: `welcome/groupChat/${locale}`, card: welcomeCard({ locale, conversationKind: 'groupChat' }) },
    { name: `help/${locale}`, card: helpCard({ locale, commands: helpEntries() }) },
    { name: `link-body/${locale}`, card: bodyChoiceCard(locale, bodies) },
    {
      name: `join/${locale}`,
      card: officeChoiceCard(
        locale,
        bodies.map((b) => ({ bodyId: b.id, bodyName: b.name, offices })),
      ),
    },
    {
      name: `membership-request/${locale}`,
      card: membershipRequestCard(locale, {
        bodyId: 'ag-1',
        bodyName: 'AG Planung',
        officeId: 'jugendamt',
        officeName: 'Jugendamt',
        personName: 'Jonas Krüger',
        memberAadObjectId: '5a1d0c6e-2222-4a00-8000-000000000002',
        requestedAt: '2026-12-01T09:00:00.000Z',
      }),
    },
    ...[false, true].map((spk) => ({
      name: `roster${spk ? '-spk' : ''}/${locale}`,
      card: rosterCard(
        locale,
        { id: 'ag-1', name: 'AG Sozialraumorientierung Mitte' },
        offices.map((o, i) => ({
          officeId: o.id,
          officeName: o.name,
          role: i % 5 === 0 ? 'commissioner' : 'voting',
          people: [
            {
              name: 'Vorname Nachname',
              status: 'approved',
              deputy: false,
              aadObjectId: `5a1d0c6e-${String(i).padStart(4, '0')}-4a00-8000-000000000001`,
              since: '2026-11-01T09:00:00.000Z',
            },
            {
              name: 'Vorname Nachname',
              status: 'pending',
              deputy: true,
              aadObjectId: `5a1d0c6e-${String(i).padStart(4, '0')}-4a00-8000-000000000002`,
              since: '2026-12-01T09:00:00.000Z',
            },
          ],
        })),
        spk,
      ),
    })),
    ...(() => {
      const decision = {
        number: 3,
        year: 2027,
        label: 'AG SRO 2027/03',
        kind: 'vote' as const,
        ref: 'session/2027-01-14-1000/v-i1',
        sessionId: '2027-01-14-1000',
        title: item(0).title,
        text: 'x'.repeat(2000),
        outcome: 'adopted',
        counts: { yes: 15, no: 3, abstain: 2 },
        base: 20,
        required: 14,
        decidedAt: '2027-01-14T10:30:00.000Z',
        ballots: offices.slice(0, 20).map((o, i) => ({
          office: o.name,
          choice: i % 7 === 0 ? 'no' : 'yes',
          argument: 'y'.repeat(400),
          recorded: i === 3,
        })),
      };
      return [
        { name: `decision/${locale}`, card: decisionCard(locale, decision) },
        {
          name: `decision-spk-follow-ups/${locale}`,
          card: decisionCard(
            locale,
            { ...decision, rulesVersion: { number: 3, effectiveFrom: '2027-02-01' } },
            {
              followUps: followUps(30),
              spk: { bodyId: 'ag-1' },
              protocol: {
                bodyId: 'ag-1',
                sessionId: '2027-01-14-1000',
                version: 2,
                path: 'AG SRO/2027/2027-01-14 10.00 Ergebnisprotokoll (Fassung 2).docx',
              },
            },
          ),
        },
        {
          name: `register/${locale}`,
          card: registerCard(locale, {
            bodyId: 'ag-1',
            page: 2,
            bodyName: 'AG Sozialraumorientierung Mitte',
            entries: Array.from({ length: 15 }, (_, i) => ({
              ...decision,
              number: i + 1,
              label: `AG SRO 2027/${i + 1}`,
            })),
            more: 12,
            query: '2027',
          }),
        },
      ];
    })(),
    {
      name: `meeting-linked/${locale}`,
      card: meetingLinkedCard(locale, {
        bodyName: 'AG Sozialraumorientierung Mitte',
        date: '2027-01-14',
        again: false,
      }),
    },
    {
      name: `meeting-start/${locale}`,
      card: meetingStartCard(locale, {
        bodyName: 'AG Sozialraumorientierung Mitte',
        date: '2027-01-14',
        running: true,
        missing: offices.map((o) => o.name),
        quorum: { votingMembers: 26, presentVoting: 0, needed: 13, quorate: false },
      }),
    },
    {
      name: `meeting-start-not-running/${locale}`,
      card: meetingStartCard(locale, {
        bodyName: 'AG Sozialraumorientierung Mitte',
        date: '2027-01-14',
        running: false,
        missing: [],
        quorum: { votingMembers: 26, presentVoting: 0, needed: 13, quorate: false },
      }),
    },
    {
      name: `meeting-end/${locale}`,
      card: meetingEndCard(locale, {
        bodyId: 'ag-1',
        sessionId: '2027-01-14-1000',
        bodyName: 'AG Sozialraumorientierung Mitte',
        date: '2027-01-14',
        openVotes: Array.from({ length: 20 }, (_, i) => `TOP ${i + 1} ${item(i).title}`),
      }),
    },
    {
      name: `meeting-departures/${locale}`,
      card: meetingDeparturesCard(
        locale,
        offices.map((o) => o.name),
      ),
    },
    {
      name: `personal-data/${locale}`,
      card: personalDataCard(locale, {
        counts: {
          member: 3,
          attendance: 120,
          ballot: 400,
          audit: 2000,
          notification: 900,
          protocolMention: 100,
          unknownKind: 1,
        },
        jsonUrl: `https://gremienbot.example.org/files/${'a'.repeat(400)}.${'b'.repeat(43)}`,
        docxUrl: `https://gremienbot.example.org/files/${'c'.repeat(400)}.${'d'.repeat(43)}`,
        expiresAt: new Date('2027-03-28T01:15:00Z'),
      }),
    },
    {
      name: `personal-data-none/${locale}`,
      card: personalDataCard(locale, {
        counts: {},
        jsonUrl: 'https://gremienbot.example.org/files/x.y',
        docxUrl: 'https://gremienbot.example.org/files/x.z',
        expiresAt: new Date('2027-03-28T01:15:00Z'),
      }),
    },
    {
      name: `follow-ups/${locale}`,
      card: followUpListCard(locale, {
        bodyId: 'ag-1',
        bodyName: 'AG Sozialraumorientierung Mitte',
        lines: followUps(40),
        canComplete: new Set(followUps(40).map((f) => f.id)),
        notice: 'Als erledigt vermerkt: x',
      }),
    },
    {
      name: `follow-up-form/${locale}`,
      card: followUpFormCard(locale, {
        bodyId: 'ag-1',
        origin: { label: 'AG SRO 2027/03', ref: 'session/2027-01-14-1000/v-i1', title: item(0).title },
        offices: offices.map((o) => ({ id: o.id, name: o.name })),
        values: { what: 'w'.repeat(500), officeId: 'amt-1', dueKind: 'date', dueDate: '2027-01-01' },
        problems: [
          { field: 'what', message: 'Höchstens 500 Zeichen.' },
          { field: 'dueDate', message: 'Das Datum liegt in der Vergangenheit.' },
        ],
      }),
    },
    {
      name: `agenda-with-follow-ups/${locale}`,
      card: agendaCard(locale, { ...agenda20, followUps: followUps(30) }),
    },
    ...(() => {
      // The largest preset's offices with the longest names, as the form and the rules show them.
      const big = loadBodies('bodies').find((b) => b.id === 'ag-sro-mitte') ?? blankTemplate();
      const longOffices = big.offices.map((o, i) => ({
        ...o,
        id: `${o.id}-${i}`,
        name: `${o.name} ${'x'.repeat(120)}`.slice(0, 120),
      }));
      const body = { ...big, offices: longOffices, secretariat: longOffices[0]?.id ?? big.secretariat };
      const version = {
        effectiveFrom: '2027-02-01',
        reason: 'r'.repeat(1000),
        decision: '2027/03',
        confirmedOn: '2027-02-15',
      };
      const data = {
        mode: 'amend' as const,
        basedOn: 3,
        template: '',
        title: 'Geschäftsordnung ändern',
        fields: formOf(body),
        version,
        offices: body.offices.map((o) => ({ id: o.id, name: o.name })),
        otherBodies: bodies,
      };
      const v = (n: number) => ({
        number: n,
        effectiveFrom: `2027-0${n}-01`,
        reason: 'r'.repeat(300),
        decision: 'AG SRO 2027/03',
        confirmedOn: '2027-02-15',
        createdAt: '2027-01-01T09:00:00.000Z',
        createdBy: 'x',
        source: 'teams',
        body: { ...body, version: { number: n, effectiveFrom: `2027-0${n}-01` } },
      });
      const changes = [
        ...body.offices
          .slice(0, 5)
          .map((o) => ({ kind: 'officeAdded' as const, name: o.name, role: o.role })),
        { kind: 'rule' as const, field: 'majority' as const },
      ];
      return [
        {
          name: `body-form/${locale}`,
          card: bodyFormCard(locale, {
            ...data,
            problems: [
              { field: 'offices' as const, message: 'Ämter, Zeile 3: …' },
              { field: 'majorityFraction' as const, message: 'Bitte als Bruch' },
            ],
          }),
        },
        { name: `body-preview/${locale}`, card: bodyPreviewCard(locale, { ...data, body, changes }) },
        { name: `rules/${locale}`, card: rulesCard(locale, { version: v(2), upcoming: v(3) }) },
        {
          name: `rules-history/${locale}`,
          card: rulesHistoryCard(locale, {
            bodyName: body.name,
            versions: [1, 2, 3, 4].map((n) => ({ ...v(n), changes })),
          }),
        },
      ];
    })(),
    ...[true, false].map((permission) => ({
      name: `filing-failed${permission ? '-permission' : ''}/${locale}`,
      card: filingFailedCard(locale, {
        body: 'AG Sozialraumorientierung Mitte',
        path: 'AG SRO/2027/2027-01-14 10.00 Ergebnisprotokoll (Fassung 1).docx',
        permission,
      }),
    })),
    ...[true, false].map((moved) => ({
      name: `session-${moved ? 'moved' : 'cancelled'}/${locale}`,
      card: sessionChangedCard(locale, {
        body: 'AG Sozialraumorientierung Mitte',
        from: new Date(Date.UTC(2027, 0, 14, 9)),
        ...(moved ? { to: new Date(Date.UTC(2027, 0, 21, 13)) } : {}),
        place: 'Rathaus Tiergarten, Mathilde-Jacob-Platz 1, Raum 1234',
        lateSince: new Date(Date.UTC(2027, 0, 10, 9)),
        unreachable: ['A'],
      }),
    })),
    {
      name: `leave/${locale}`,
      card: leaveCard(locale, [
        { bodyId: 'ag-1', bodyName: 'AG Sozialraumorientierung Mitte', officeName: offices[0]?.name ?? '' },
        { bodyId: 'uag-1', bodyName: 'UAG Infrastruktur Mitte', officeName: offices[1]?.name ?? '' },
      ]),
    },
    {
      name: `session-form/${locale}`,
      card: sessionFormCard(locale, bodies[0] ?? { id: 'x', name: 'x' }, {
        date: '2027-01-14',
        time: '10:00',
        hasMeeting: false,
      }),
    },
    {
      name: `session-form-meeting/${locale}`,
      card: sessionFormCard(locale, bodies[0] ?? { id: 'x', name: 'x' }, {
        date: '2027-01-14',
        time: '10:00',
        hasMeeting: true,
      }),
    },
    ...['', JOIN_URL].map((joinUrl) => ({
      name: `meeting-series${joinUrl ? '' : '-none'}/${locale}`,
      card: meetingSeriesCard(locale, {
        bodyId: 'ag-1',
        bodyName: 'AG Planung Steglitz-Zehlendorf',
        joinUrl,
      }),
    })),
    {
      name: `sessions/${locale}`,
      card: sessionsCard(
        locale,
        { id: 'ag-1', name: 'AG Planung Steglitz-Zehlendorf' },
        Array.from({ length: 6 }, (_, i) => ({
          sessionId: `s${i}`,
          start: new Date(Date.UTC(2027, i, 14, 9)),
          place: 'Rathaus Zehlendorf, Kirchstraße 1–3, Raum 101, oder Teams-Link',
          joinUrl: i % 2 === 0 ? JOIN_URL : '',
          status: i === 0 ? 'running' : 'planned',
          registrationClosesAt: new Date(Date.UTC(2027, i, 7, 23)),
          agendaDispatchAt: new Date(Date.UTC(2027, i, 9, 7)),
        })),
      ),
    },
    { name: `sessions-empty/${locale}`, card: sessionsCard(locale, { id: 'ag-1', name: 'AG Planung' }, []) },
    {
      name: `plan/${locale}`,
      card: planCard(
        locale,
        { id: 'ag-1', name: 'AG Planung' },
        [1, 3, 5].map((m) => ({
          date: `2027-0${m}-14`,
          time: '10:00',
          start: new Date(Date.UTC(2027, m - 1, 14, 9)),
        })),
      ),
    },
    {
      name: `topic-form/${locale}`,
      card: topicFormCard(locale, { body: { id: 'ag-1', name: 'AG Planung' }, sessions, selected: 's0' }),
    },
    {
      name: `topic-form-invalid/${locale}`,
      card: topicFormCard(locale, {
        body: { id: 'ag-1', name: 'AG Planung' },
        sessions,
        selected: 's1',
        values: {
          title: 'x',
          purpose: 'decision',
          documents: 'http://a',
          description: '',
          conflictsOfGoals: '',
        },
        problems: [
          { field: 'title', code: 'tooShort', limit: 3 },
          { field: 'documents', code: 'notHttps' },
          { field: 'conflictsOfGoals', code: 'required' },
          { field: 'purpose', code: 'invalid' },
          { field: 'description', code: 'tooLong', limit: 2000 },
        ],
      }),
    },
    {
      name: `topic-form-late/${locale}`,
      card: topicFormCard(locale, {
        body: { id: 'ag-1', name: 'AG Planung' },
        sessions,
        selected: 's0',
        late: true,
      }),
    },
    {
      name: `topic-done/${locale}`,
      card: topicConfirmationCard(locale, item(1), new Date(Date.UTC(2027, 0, 14, 9)), 'registered'),
    },
    {
      name: `topic-spk/${locale}`,
      card: spkTopicCard(locale, {
        bodyId: 'ag-1',
        sessionId: 's0',
        sessionStart: new Date(),
        item: item(2),
        late: false,
      }),
    },
    {
      name: `topic-spk-late/${locale}`,
      card: spkTopicCard(locale, {
        bodyId: 'ag-1',
        sessionId: 's0',
        sessionStart: new Date(),
        item: item(2),
        late: true,
      }),
    },
    {
      name: `agenda-20-items/${locale}`,
      card: agendaCard(locale, agenda20),
    },
    {
      name: `agenda-manage-20-items/${locale}`,
      card: manageAgendaCard(locale, {
        body: { id: 'ag-1', name: 'AG Sozialraumorientierung Mitte' },
        sessionId: 's0',
        start: new Date(Date.UTC(2027, 0, 14, 9)),
        place: 'Rathaus Tiergarten',
        registrationClosesAt: new Date(Date.UTC(2027, 0, 7, 23)),
        items: Array.from({ length: 20 }, (_, i) => ({
          ...item(i),
          number: i + 1,
          marking: i % 2 === 0 ? 'Beschluss' : 'Erörterung',
        })),
      }),
    },
    {
      name: `topic-edit/${locale}`,
      card: topicFormCard(locale, {
        body: { id: 'ag-1', name: 'AG Planung' },
        sessions,
        selected: 's0',
        values: { title: 'x', purpose: 'decision' },
        editItemId: 'item-1',
      }),
    },
    {
      name: `agenda-empty/${locale}`,
      card: agendaCard(locale, {
        body: { id: 'ag-1', name: 'AG Planung' },
        sessionId: 's0',
        start: new Date(Date.UTC(2027, 0, 14, 9)),
        place: '',
        registrationClosesAt: new Date(Date.UTC(2027, 0, 7, 23)),
        registrationOpen: true,
        items: [],
        pendingLate: 0,
      }),
    },
    {
      name: `check-in/${locale}`,
      card: checkInCard(locale, {
        bodyId: 'ag-1',
        sessionId: 's0',
        bodyName: 'AG Sozialraumorientierung Mitte',
        start: new Date(Date.UTC(2027, 0, 14, 9)),
        place: 'Rathaus Tiergarten',
        agenda: Array.from({ length: 20 }, (_, i) => ({
          number: i + 1,
          title: item(i).title,
          marking: i % 2 === 0 ? 'Beschluss' : 'Erörterung',
        })),
        quorum: { presentVoting: 9, needed: 9, votingMembers: 17, quorate: true },
        present: offices.slice(0, 17).map((o) => o.name),
        advisory: offices.slice(17, 23).map((o) => o.name),
      }),
    },
    ...[true, false].map((open) => ({
      name: `vote-${open ? 'open' : 'closed'}/${locale}`,
      card: voteCard(locale, {
        bodyId: 'ag-1',
        sessionId: 's0',
        voteId: 'v-1',
        number: 3,
        title: item(3).title,
        rule: { numerator: 2, denominator: 3, comparison: 'atLeast', base: 'presentVotingMembers' },
        required: 7,
        base: 10,
        counts: { yes: 5, no: 2, abstain: 1, notVoted: 2 },
        open,
        refreshUserIds: Array.from(
          { length: 60 },
          (_, i) => `29:1Jk2vQm9xQ3bX0a7cM4pL8sTtR6uYw2eZf5gHi1jKl0mNoPqRs3tUvWx${i}`,
        ),
        ownLine: 'Ihre Stimme für Jugendamt: Ja',
      }),
    })),
    ...(['open', 'adopted', 'rejected', 'notQuorate'] as const).map((outcome) => ({
      name: `tally-${outcome}/${locale}`,
      card: tallyCard(locale, {
        bodyId: 'ag-1',
        sessionId: 's0',
        voteId: 'v-1',
        number: 3,
        title: item(3).title,
        rule: { numerator: 2, denominator: 3, comparison: 'atLeast', base: 'presentVotingMembers' },
        required: 12,
        base: 17,
        counts: { yes: 10, no: 3, abstain: 2, notVoted: 2 },
        open: outcome === 'open',
        outcome,
        reached: false,
        stillNeeded: 2,
        quorum: { presentVoting: 17, needed: 9, votingMembers: 17, quorate: true },
        byChoice: {
          yes: offices.slice(0, 10).map((o) => o.name),
          no: offices.slice(10, 13).map((o) => o.name),
          abstain: offices.slice(13, 15).map((o) => o.name),
          notVoted: offices.slice(15, 17).map((o) => o.name),
        },
        arguments: offices.slice(0, 23).map((o, i) => ({
          office: o.name,
          choice: i % 3 === 0 ? 'no' : 'yes',
          text: 'z'.repeat(400),
          advisory: i > 17,
        })),
      }),
    })),
    {
      // The largest tally a body can produce: 60 offices, each with an argument of the longest allowed length.
      name: `tally-60-longest/${locale}`,
      card: tallyCard(locale, {
        bodyId: 'ag-1',
        sessionId: 's0',
        voteId: 'v-1',
        number: 3,
        title: item(3).title,
        rule: { numerator: 2, denominator: 3, comparison: 'atLeast', base: 'presentVotingMembers' },
        required: 40,
        base: 60,
        counts: { yes: 30, no: 30, abstain: 0, notVoted: 0 },
        open: true,
        outcome: 'open',
        reached: false,
        stillNeeded: 10,
        quorum: { presentVoting: 60, needed: 30, votingMembers: 60, quorate: true },
        byChoice: {
          yes: Array.from({ length: 30 }, (_, i) => `Bezirksamt Amt für Weiterbildung und Kultur ${i + 1}`),
          no: Array.from({ length: 30 }, (_, i) => `Bezirksamt Amt für Weiterbildung und Kultur ${i + 31}`),
          abstain: [],
          notVoted: [],
        },
        arguments: Array.from({ length: 60 }, (_, i) => ({
          office: `Bezirksamt Amt für Weiterbildung und Kultur ${i + 1}`,
          choice: i < 30 ? 'yes' : 'no',
          text: 'Begründung '.repeat(500).slice(0, LIMITS.argument.max),
          advisory: false,
        })),
      }),
    },
    {
      name: `unknown-command/${locale}`,
      card: noticeCard({
        locale,
        tone: 'info',
        title: 'unknown.title',
        text: 'unknown.text',
        params: { text: 'xyz' },
      }),
    },
    {
      name: `error-storage/${locale}`,
      card: noticeCard({ locale, tone: 'error', title: 'error.storage.title', text: 'error.storage.text' }),
    },
    {
      name: `error-generic/${locale}`,
      card: noticeCard({ locale, tone: 'error', title: 'error.generic.title', text: 'error.generic.text' }),
    },
    {
      name: `reminder/${locale}`,
      card: reminderCard(locale, {
        body: bodies[0] as { id: string; name: string },
        sessionId: 's0',
        start: new Date(Date.UTC(2027, 0, 14, 9)),
        place: 'Rathaus Tiergarten, Raum 217',
        registrationClosesAt: new Date(Date.UTC(2027, 0, 7, 23)),
        deadlineToday: true,
        registrationOpen: true,
        topics: Array.from({ length: 20 }, (_, i) => ({
          number: i + 1,
          title: item(i).title,
          officeName: item(i).officeName,
        })),
        lateSince: new Date(Date.UTC(2027, 0, 7, 7)),
        unreachable: offices.map((o) => o.name),
        followUps: followUps(30),
      }),
    },
    {
      name: `invitation-20-items/${locale}`,
      card: invitationCard(locale, agendaCard(locale, { ...agenda20, pendingLate: 0 }, { withdraw: false }), {
        start: new Date(Date.UTC(2027, 0, 14, 9)),
        end: new Date(Date.UTC(2027, 0, 14, 11)),
        place: 'Rathaus Tiergarten',
        joinUrl: JOIN_URL,
        calendar: { bodyId: 'ag-1', sessionId: 's0' },
        unreachable: ['Vertretung Jugendamt'],
      }),
    },
    {
      name: `umlauf-form/${locale}`,
      card: umlaufFormCard(locale, {
        body: bodies[0] as { id: string; name: string },
        defaultDeadline: new Date(Date.UTC(2027, 0, 14, 11)),
        maxDays: 14,
        objectionAllowed: true,
        values: {
          title: 'Eilsache',
          text: 'x'.repeat(4000),
          documents: '',
          deadlineDate: '2027-01-14',
          deadlineTime: '12:00',
        },
        problems: [{ field: 'deadline', message: 'Frist: die Frist liegt in der Vergangenheit.' }],
      }),
    },
    ...[true, false].map((open) => ({
      name: `umlauf-${open ? 'open' : 'closed'}/${locale}`,
      card: umlaufCard(locale, {
        bodyId: 'ag-1',
        umlaufId: '2027-01-10-0900-abcdef12',
        title: item(0).title,
        text: 'x'.repeat(4000),
        documents: item(0).documents,
        deadline: new Date(Date.UTC(2027, 0, 14, 11)),
        open,
        objectionAllowed: true,
        rule: { numerator: 2, denominator: 3, comparison: 'atLeast', base: 'ballotsCast' },
        participation: { cast: 10, needed: 9, of: 17 },
        counts: { yes: 7, no: 2, abstain: 1, objections: 0 },
        reminder: open,
        ownLine: 'Ihre Stimme für Jugendamt: Ja',
        unreachable: ['Vertretung Jugendamt'],
      }),
    })),
    {
      name: `umlauf-result/${locale}`,
      card: umlaufResultCard(locale, {
        title: item(0).title,
        outcome: 'adopted',
        closeReason: 'deadline',
        closedAt: new Date(Date.UTC(2027, 0, 14, 11)),
        counts: { yes: 12, no: 3, abstain: 2, objections: 0 },
        participation: { cast: 17, needed: 9, of: 17 },
        required: 12,
        base: 17,
        ballots: offices
          .slice(0, 17)
          .map((o) => ({ office: o.name, choice: 'yes' as const, argument: 'z'.repeat(2000) })),
        notVoted: [],
        advisory: offices
          .slice(17, 22)
          .map((o) => ({ office: o.name, choice: 'no' as const, argument: 'w'.repeat(500) })),
      }),
    },
  ]);
}

/** `n` follow-ups with the longest task and note the rules allow: open, overdue and done. */
function followUps(n: number): FollowUpLine[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `2027-01-14-${String(i).padStart(10, '0')}`,
    what: `${i} ${'Kostenschätzung einholen '.repeat(20)}`.slice(0, LIMITS.followUp.max),
    office: 'Externer Dienstleister Rahmenkoordination',
    origin: 'AG Sozialraumorientierung Mitte 2027/03',
    due: i % 2 ? 'next' : '2027-03-31',
    ...(i % 2 ? { dueSession: '2027-02-11' } : {}),
    status: i % 3 === 0 ? ('done' as const) : ('open' as const),
    overdue: i % 3 === 1,
    doneAt: i % 3 === 0 ? '2027-02-01T09:00:00.000Z' : '',
    doneNote: i % 3 === 0 ? 'n'.repeat(LIMITS.followUpNote.max) : '',
  }));
}
