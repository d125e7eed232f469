import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseBody } from '../../src/domain/body.js';
import { formOf } from '../../src/domain/body-form.js';
import type { GremienStore } from '../../src/ports/gremien-store.js';
import {
  captureConnector,
  cardOf,
  eventually,
  postActivity,
  TEST_NOW,
  type TestBot,
} from '../support/bot.js';
import { approveMembers, people, startBodyBot, testItem } from '../support/http-setup.js';
import { audit } from '../support/session-seed.js';
import {
  click,
  invoke,
  invokeAnswer,
  type Person,
  reply,
  SERVICE_URL,
  SPK,
  say,
} from '../support/teams-actions.js';

/**
 * The SPK amends its working group in Teams and creates another, over HTTP on Azurite: a new
 * voting office and a 3/4 majority take effect for the next vote while the earlier result, its
 * register entry and the protocol stay as announced, each naming the version it was decided
 * under; field-level refusals change nothing; a second body is created from the form and linked.
 */
const BODY = 'test-ag';
const SESSION = '2026-11-22-1200';
const person = people('0e0e0e0e');
const offices = ['amt-1', 'amt-2', 'amt-3', 'amt-4', 'amt-5', 'amt-6'];
const OTHER_CHANNEL = '19:neue-ag-sitzungen@thread.tacv2';

let bot: TestBot;
let store: GremienStore;
let form: ReturnType<typeof formOf>;

const ballot = (p: Person, item: string, choice: string) =>
  click(p, 'vote.cast', { bodyId: BODY, sessionId: SESSION, voteId: `v-${item}`, choice });
const formClick = (verb: string, data: Record<string, unknown>, who: Person = SPK) =>
  click(who, verb, {
    mode: 'amend',
    basedOn: 1,
    template: '',
    ...form,
    effectiveFrom: '2026-11-22',
    reason: 'Beschluss der AG: neues Amt, höhere Mehrheit',
    decision: '',
    confirmedOn: '',
    ...data,
  });
/** A message in another channel of the team (for the second body). */
const inOtherChannel = (activity: Record<string, unknown>) => ({
  ...activity,
  conversation: { ...(activity.conversation as object), id: `${OTHER_CHANNEL};messageid=1` },
  channelData: {
    channel: { id: OTHER_CHANNEL },
    team: { id: '19:team@thread.tacv2' },
    tenant: { id: '7e3f2b1a-0c4d-4e5f-8a9b-2d1c0e9f8a7b' },
  },
});

beforeAll(async () => {
  ({ bot, store } = await startBodyBot({ voting: 6, commissioners: 0 }));
  await approveMembers(
    store,
    BODY,
    offices.map((o) => [o, person(o)] as const),
  );
  captureConnector(SERVICE_URL);
  expect(await invoke(bot, click(SPK, 'body.link', { bodyId: BODY }))).toContain('gehört jetzt');
  expect(
    await invoke(
      bot,
      click(SPK, 'session.create', { bodyId: BODY, date: '2026-11-22', time: '12:00', place: 'Raum 1' }),
    ),
  ).toContain('angelegt');
  const registered = new Date(TEST_NOW.getTime() - 20 * 86_400_000);
  await store.commitSession(
    BODY,
    SESSION,
    [
      {
        kind: 'item',
        value: testItem(person('amt-1'), 'i-a', 'Neubau Jugendfreizeiteinrichtung', 'decision', registered),
      },
      { kind: 'item', value: testItem(person('amt-1'), 'i-b', 'Umbau Spielplatz', 'decision', registered) },
    ],
    audit('seed', TEST_NOW),
  );
  expect(await reply(bot, say(SPK, 'sitzung starten'))).toContain('TOP 1');
  for (const o of offices)
    await invoke(bot, click(person(o), 'session.checkIn', { bodyId: BODY, sessionId: SESSION }));
  // Under version 1 (2/3 of 6 present: 4 yes needed): 4 yes, 2 no — adopted.
  await reply(bot, say(SPK, 'abstimmung TOP 1'));
  for (const [i, o] of offices.entries()) await invoke(bot, ballot(person(o), 'i-a', i < 4 ? 'yes' : 'no'));
  const closed = await reply(bot, say(SPK, 'abstimmung schließen'));
  expect(closed).toContain('Angenommen');
  expect(closed).toContain('Fassung 1');
});
afterAll(async () => {
  await bot.close();
});

describe('the SPK amends the rules of procedure in Teams', () => {
  it('only the SPK opens the form; it shows the version in force', async () => {
    expect(await reply(bot, say(person('amt-1'), 'gremium ändern'))).toContain('Geschäftsstelle');
    const text = await reply(bot, say(SPK, 'gremium ändern'));
    expect(text).toContain('Geschäftsordnung ändern: Test-AG');
    const { sent } = captureConnector(SERVICE_URL);
    await postActivity(bot, say(SPK, 'gremium ändern'));
    await eventually(() => sent.length > 0);
    const card = JSON.stringify(cardOf(sent[0]?.body ?? {}));
    expect(card).toContain('"id":"offices"');
    expect(card).toContain('amt-1 | Amt 1 | stimmberechtigt');
    // The form as the SPK would fill it in, from what the card showed.
    const { BodyRegistry } = await import('../../src/app/bodies/registry.js');
    const registry = new BodyRegistry(store, { now: () => TEST_NOW });
    await registry.refresh(true);
    const current = registry.get(BODY);
    if (!current) throw new Error('no body');
    form = formOf(current);
  });

  it('refuses what the rules core refuses, field by field, and saves nothing', async () => {
    const bad = await invoke(
      bot,
      formClick('body.preview', {
        majorityFraction: '5/4',
        offices: form.offices.replace(/stimmberechtigt/g, 'beratend'),
        effectiveFrom: '2026-11-01',
        reason: '',
      }),
    );
    expect(bad).toContain('Bitte als Bruch zwischen 0 und 1');
    expect(bad).toContain('Mindestens ein Amt muss stimmberechtigt sein');
    const versionBad = await invoke(
      bot,
      formClick('body.preview', { effectiveFrom: '2026-11-01', reason: '' }),
    );
    expect(versionBad).toContain('nicht rückwirkend');
    expect(versionBad).toContain('Grund');
    expect(await invoke(bot, formClick('body.preview', {}))).toContain('nichts geändert');
    // Agenda and protocol only to bodies that exist (never to this one).
    expect(await invoke(bot, formClick('body.preview', { agendaAlsoTo: 'gibt-es-nicht' }))).toContain(
      'Bitte eine der Möglichkeiten wählen',
    );
    expect(await invoke(bot, formClick('body.preview', { agendaAlsoTo: 'test-ag' }))).toContain(
      'Bitte eine der Möglichkeiten wählen',
    );
    expect(await invoke(bot, formClick('body.save', { majorityFraction: '3/4' }, person('amt-1')))).toContain(
      'Geschäftsstelle',
    );
    expect(await store.bodyVersions(BODY)).toHaveLength(1);
  });

  it('the preview shows the rules in words and what changes; saving makes version 2', async () => {
    const changed = { offices: `${form.offices}\nAmt 7 | stimmberechtigt`, majorityFraction: '3/4' };
    const preview = await invoke(bot, formClick('body.preview', changed));
    expect(preview).toContain('Beschlussfähig ab 4 von 7 stimmberechtigten Ämtern');
    expect(preview).toContain('mindestens 3/4 der anwesenden stimmberechtigten Mitglieder');
    expect(preview).toContain('Amt hinzugefügt: Amt 7 (stimmberechtigt)');
    expect(preview).toContain('Mehrheit geändert');
    expect(await store.bodyVersions(BODY)).toHaveLength(1);
    const saved = await invoke(bot, formClick('body.save', changed));
    expect(saved).toContain('Fassung 2 der Geschäftsordnung der Test-AG gespeichert; sie gilt ab 22.11.2026');
    // A second save from the same (now old) form changes nothing, and leaves the clicked card as it is.
    const stale = await invokeAnswer(bot, formClick('body.save', { ...changed, majorityFraction: '4/5' }));
    expect(stale).toEqual({
      kind: 'message',
      text: 'Die Geschäftsordnung wurde inzwischen geändert. Bitte „gremium ändern“ neu öffnen; nichts wurde gespeichert.',
    });
    expect((await store.bodyVersions(BODY)).map((v) => v.number)).toEqual([1, 2]);
    const audits = (await store.bodyAudit(BODY)).filter((a) => a.action === 'body.amended');
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0]?.before ?? '{}').majority.fraction).toBe('2/3');
    expect(JSON.parse(audits[0]?.after ?? '{}').majority.fraction).toBe('3/4');
  });

  it('"geschäftsordnung" shows version 2 in words; "verlauf" lists both with what changed', async () => {
    const rules = await reply(bot, say(person('amt-2'), 'geschäftsordnung'));
    expect(rules).toContain('Nach der Geschäftsordnung in der Fassung vom 22.11.2026 (Fassung 2).');
    expect(rules).toContain('3/4');
    expect(rules).toContain('Amt 7');
    const history = await reply(bot, say(person('amt-2'), 'geschäftsordnung verlauf'));
    expect(history).toContain('Fassung 1');
    expect(history).toContain('Fassung 2');
    expect(history).toContain('Amt hinzugefügt: Amt 7 (stimmberechtigt)');
    expect(await reply(bot, { ...say(person('amt-2'), 'rules'), locale: 'en-GB' })).toContain(
      'Rules of procedure of the Test-AG',
    );
  });

  it('the next vote runs under version 2; the earlier result, its entry and the protocol stay as announced', async () => {
    // 3/4 of 6 present: 5 yes needed — 4 yes is no longer enough.
    await reply(bot, say(SPK, 'abstimmung TOP 2'));
    for (const [i, o] of offices.entries()) await invoke(bot, ballot(person(o), 'i-b', i < 4 ? 'yes' : 'no'));
    const second = await reply(bot, say(SPK, 'abstimmung schließen'));
    expect(second).toContain('Abgelehnt');
    expect(second).toContain('Fassung 2');
    const first = await reply(bot, say(person('amt-2'), 'beschluss 2026/01'));
    expect(first).toContain('Angenommen');
    expect(first).toContain('(Fassung 1)');
    expect(await reply(bot, say(person('amt-2'), 'beschluss 2026/02'))).toContain('(Fassung 2)');
    await reply(bot, say(SPK, 'sitzung beenden'));
    expect(
      await invoke(bot, click(SPK, 'protocol.save', { bodyId: BODY, sessionId: SESSION, release: true })),
    ).toContain('freigegeben');
    const protocol = await reply(bot, say(person('amt-2'), 'protokoll 22.11.2026'));
    expect(protocol).toMatch(/TOP 1: Neubau Jugendfreizeiteinrichtung\*\* — .*angenommen.*Fassung 1/);
    expect(protocol).toMatch(/TOP 2: Umbau Spielplatz\*\* — .*abgelehnt.*Fassung 2/);
    // The session started under version 1: its quorum at the start counts the six voting offices
    // it had then, not Amt 7 added during it.
    expect(protocol).toContain('beschlussfähig – 6 von 6 stimmberechtigten');
  });
});

describe('the body as a file', () => {
  it('the SPK exports the version in force as YAML, which reads back as that version; others may not', async () => {
    expect(await reply(bot, say(person('amt-1'), 'gremium exportieren'))).toContain('Geschäftsstelle');
    const { sent } = captureConnector(SERVICE_URL);
    await postActivity(bot, say(SPK, 'gremium exportieren'));
    await eventually(() => sent.some((s) => !s.updates));
    const card = cardOf(sent.find((s) => !s.updates)?.body ?? {}) as { actions?: { url: string }[] };
    const res = await fetch(card.actions?.[0]?.url ?? '');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('# Fassung 2, gültig ab 2026-11-22');
    const body = parseBody(parse(text), 'export');
    expect(body.majority.fraction).toEqual({ numerator: 3, denominator: 4 });
    expect(body.offices.map((o) => o.name)).toContain('Amt 7');
  });
});

describe('the district’s SPK creates a working group in Teams', () => {
  const fields = () => ({
    ...form,
    name: 'AG Neue Mitte',
    shortName: 'AG Neu',
    district: 'Mitte',
    offices: [
      'spk | SPK | beratend',
      'Jugendamt | stimmberechtigt',
      'Schulamt | stimmberechtigt',
      'Bauamt | stimmberechtigt',
    ].join('\n'),
    secretariat: 'spk',
    secretariatMembers: '',
  });
  const create = (who: Person, extra: Record<string, unknown> = {}) =>
    click(who, 'body.save', {
      mode: 'create',
      basedOn: 0,
      template: BODY,
      ...fields(),
      effectiveFrom: '2026-11-22',
      reason: 'Einsetzung durch das Bezirksamt',
      decision: '',
      confirmedOn: '',
      ...extra,
    });

  it('a member who is not the SPK of the district may not; the form opens for the SPK', async () => {
    expect(await invoke(bot, create(person('amt-1')))).toContain('SPK des Bezirks');
    expect(await reply(bot, say(SPK, 'gremium anlegen wie Test-AG'))).toContain(
      'Neue Arbeitsgruppe anlegen (Vorlage: Test-AG)',
    );
    expect(await reply(bot, say(SPK, 'gremium anlegen wie Nirgendwo'))).toContain('Vorlagen: Test-AG');
  });

  it('creates it (version 1), the creator is its SPK; a second with the same names is refused; it can be linked', async () => {
    expect(await invoke(bot, create(SPK))).toContain('Die AG Neue Mitte ist angelegt (Fassung 1)');
    expect(await invoke(bot, create(SPK))).toContain('gibt es schon');
    const versions = await store.bodyVersions('ag-neu-mitte');
    expect(versions).toHaveLength(1);
    expect(JSON.parse(versions[0]?.definition ?? '{}').secretariatMembers).toContain(SPK.aadObjectId);
    const link = await reply(bot, inOtherChannel(say(SPK, 'gremium verbinden')));
    expect(link).toContain('AG Neue Mitte');
    expect(await invoke(bot, inOtherChannel(click(SPK, 'body.link', { bodyId: 'ag-neu-mitte' })))).toContain(
      'gehört jetzt zur AG Neue Mitte',
    );
    expect(await reply(bot, inOtherChannel(say(SPK, 'geschäftsordnung')))).toContain(
      'Geschäftsordnung der AG Neue Mitte',
    );
  });

  it('it runs a session with a vote: offices in the room, ballots recorded by the SPK, a numbered decision under version 1', async () => {
    const here = (text: string) => inOtherChannel(say(SPK, text));
    expect(
      await invoke(
        bot,
        inOtherChannel(
          click(SPK, 'session.create', {
            bodyId: 'ag-neu-mitte',
            date: '2026-11-22',
            time: '15:00',
            place: 'Raum 2',
          }),
        ),
      ),
    ).toContain('angelegt');
    await store.commitSession(
      'ag-neu-mitte',
      '2026-11-22-1500',
      [
        {
          kind: 'item',
          value: testItem(
            SPK,
            'i-neu',
            'Jugendbeteiligung im Kiez',
            'decision',
            new Date(TEST_NOW.getTime() - 10 * 86_400_000),
            {
              officeId: 'jugendamt',
            },
          ),
        },
      ],
      audit('seed', TEST_NOW),
    );
    expect(await reply(bot, here('sitzung starten'))).toContain('TOP 1');
    for (const office of ['Jugendamt', 'Schulamt', 'Bauamt'])
      expect(await reply(bot, here(`anwesend ${office}`))).toContain('als anwesend eingetragen');
    expect(await reply(bot, here('abstimmung TOP 1'))).toContain('Abstimmung TOP 1');
    for (const office of ['Jugendamt', 'Schulamt'])
      expect(await reply(bot, here(`stimme erfassen ${office} ja`))).toContain('durch die SPK erfasst');
    expect(await reply(bot, here('stimme erfassen Bauamt nein Zu teuer'))).toContain('durch die SPK erfasst');
    const closed = await reply(bot, here('abstimmung schließen'));
    expect(closed).toContain('Angenommen');
    expect(closed).toContain('Beschluss AG Neu 2026/01');
    expect(closed).toContain('(Fassung 1)');
  });
});
