import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TableGremienStore } from '../../src/storage/gremien-store.js';
import { TablePartitionStore } from '../../src/storage/table-partition-store.js';
import { cardText, runScheduler, TEST_NOW } from '../support/bot.js';
import { type E2E, startE2E } from '../support/e2e.js';

const DRIVE = mkdtempSync(path.join(tmpdir(), 'gruppenlaufwerk-'));

import { clickCard } from '../support/playground-client.js';

const BODY = 'ag-planung-steglitz-zehlendorf';
const SESSION = '2026-11-22-1200';
let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E({
    SECRETARIAT_MEMBERS: '*:sabine.petersen@ba-demo.berlin.de',
    GROUP_DRIVE_DIR: DRIVE,
  });
  // The demo people as approved members of their offices, and one Beschluss item.
  const client = TableClient.fromConnectionString(
    inject('azuriteConnectionString'),
    `${e2e.bot.env.TABLE_PREFIX}gremien`,
    {
      allowInsecureConnection: true,
    },
  );
  const store = new TableGremienStore(new TablePartitionStore(client, 5000));
  const offices: Record<string, string> = {
    Jonas: 'jugendamt',
    Aylin: 'schul-und-sportamt',
    Thomas: 'stadtentwicklungsamt',
    Petra: 'amt-fuer-soziales',
    Mariam: 'integrationsbeauftragte',
  };
  const audit = (id: string) => ({
    id,
    at: TEST_NOW,
    actorAadObjectId: 'seed',
    actorOfficeId: 'spk',
    action: 'seed',
    target: '',
    before: '',
    after: '',
    activityId: '',
  });
  for (const user of e2e.config.users) {
    const office = offices[user.name.split(' ')[0] ?? ''];
    if (!office) continue;
    await store.saveMember(
      BODY,
      user.aadObjectId,
      {
        officeId: office,
        status: 'approved',
        role: 'representative',
        displayName: user.name,
        since: TEST_NOW.toISOString(),
      },
      undefined,
      audit(user.id),
    );
  }
}, 60_000);

afterAll(async () => {
  await e2e?.stop();
});

describe('end to end: a whole session in the Playground', () => {
  it('start, check in until quorate, vote with an advisory opinion and a changed ballot, tally, close', async () => {
    const { client, config } = e2e;
    const channel = config.teams[0]?.channels.find((c) => c.name === 'AG Planung');
    if (!channel) throw new Error('demo channel missing');
    const spk = config.currentUser;
    const user = (first: string) => {
      const u = config.users.find((x) => x.name.startsWith(first));
      if (!u) throw new Error(`demo user ${first} missing`);
      return u;
    };
    const inChannel = (text: string) => (p: { conversationId: string; card?: unknown }) =>
      p.conversationId.startsWith(channel.id) && cardText(p.card).includes(text);
    const sayAndWait = async (who: { id: string }, text: string, expect: string) => {
      const before = client.posts.length;
      await client.say(channel.id, who.id, text, config.bot);
      return client.waitFor((p) => client.posts.indexOf(p) >= before && inChannel(expect)(p));
    };

    await sayAndWait(spk, 'gremium verbinden', 'Kanal mit Arbeitsgruppe');
    const picker = await client.waitFor(inChannel('Kanal mit Arbeitsgruppe'));
    await clickCard(client, picker, spk.id, 'body.link', { bodyId: BODY });
    const form = await sayAndWait(spk, 'sitzung anlegen', 'Sitzung anlegen');
    await clickCard(client, form, spk.id, 'session.create', {
      bodyId: BODY,
      date: '2026-11-22',
      time: '12:00',
      place: 'Rathaus Zehlendorf',
    });
    const topic = await sayAndWait(user('Jonas'), 'thema anmelden', 'Thema anmelden');
    const late = await clickCard(client, topic, user('Jonas').id, 'topic.register', {
      bodyId: BODY,
      sessionId: SESSION,
      title: 'Neubau Jugendfreizeiteinrichtung',
      purpose: 'decision',
      documents: 'https://intranet.berlin.de/vorlagen/jfe.pdf',
      conflictsOfGoals: 'Kosten gegen Bedarf',
      submitLate: true,
    });
    expect(cardText(late.value)).toContain('verspätet eingereicht');
    const decide = await client.waitFor(inChannel('eingereicht von: Jugendamt. Aufnehmen?'));
    const item = ((decide.card?.actions as { data: { itemId: string } }[] | undefined) ?? [])[0]?.data.itemId;
    await clickCard(client, decide, spk.id, 'topic.late', {
      bodyId: BODY,
      sessionId: SESSION,
      itemId: item,
      decision: 'accept',
    });

    const checkInCard = await sayAndWait(spk, 'sitzung starten', 'Nicht beschlussfähig: 0 von 11');
    for (const first of ['Jonas', 'Aylin', 'Thomas', 'Petra', 'Mariam']) {
      await clickCard(client, checkInCard, user(first).id, 'session.checkIn', {
        bodyId: BODY,
        sessionId: SESSION,
      });
    }
    await sayAndWait(
      spk,
      'anwesend Wirtschaftsförderung',
      'Wirtschaftsförderung ist als anwesend eingetragen',
    );
    const quorate = await sayAndWait(spk, 'anwesend Weiterbildung', 'Beschlussfähig: 6 von 11');
    expect(cardText(quorate.card)).toContain('Amt für Weiterbildung und Kultur');

    const voteCard = await sayAndWait(spk, 'abstimmung TOP 1', 'Abstimmung TOP 1');
    expect(cardText(voteCard.card)).toContain(
      'Angenommen mit mindestens 2/3 der anwesenden stimmberechtigten Mitglieder: 4 von 6.',
    );
    const vote = (who: string, choice: string, argument = '') =>
      clickCard(client, voteCard, user(who).id, 'vote.cast', {
        bodyId: BODY,
        sessionId: SESSION,
        voteId: `v-${item}`,
        choice,
        argument,
      });
    expect(cardText((await vote('Jonas', 'yes', 'Bedarf im Kiez ist belegt')).value)).toContain(
      'Ihre Stimme für Jugendamt ist gespeichert: Ja',
    );
    expect(cardText((await vote('Aylin', 'no')).value)).toContain('gespeichert: Nein');
    expect(cardText((await vote('Aylin', 'yes')).value)).toContain('gespeichert: Ja');
    expect(cardText((await vote('Thomas', 'no', 'Grundstück ist anders verplant')).value)).toContain(
      'gespeichert: Nein',
    );
    expect(cardText((await vote('Petra', 'yes')).value)).toContain('gespeichert: Ja');
    expect(cardText((await vote('Mariam', 'yes', 'Wichtig für Integration')).value)).toContain(
      'beratende Stellungnahme',
    );

    const tally = await sayAndWait(user('Petra'), 'stand', 'Stand der Abstimmung TOP 1');
    expect(cardText(tally.card)).toContain('Die Mehrheit ist noch nicht erreicht: es fehlt 1 Ja-Stimme.');
    const outcome = await sayAndWait(spk, 'abstimmung schließen', 'Ergebnis der Abstimmung TOP 1');
    const text = cardText(outcome.card);
    expect(text).toContain('Abgelehnt.');
    expect(text).toContain('Ja (3)');
    expect(text).toContain('Jugendamt: Bedarf im Kiez ist belegt');
    expect(text).toContain('Stadtentwicklungsamt: Grundstück ist anders verplant');
    expect(text).toContain('Beauftragte für Integration und Partizipation: Ja – „Wichtig für Integration“');

    // End the session, release the protocol, and fetch the Word file from the card's link.
    const draft = await sayAndWait(spk, 'sitzung beenden', 'Entwurf: Ergebnisprotokoll');
    const releasedCard = await clickCard(client, draft, spk.id, 'protocol.save', {
      bodyId: BODY,
      sessionId: SESSION,
      release: true,
      [`note_${item}`]: 'Neue Vorlage mit Finanzierungsplan zur nächsten Sitzung.',
    });
    expect(cardText(releasedCard.value)).toContain('Protokoll (Fassung 1) freigegeben');
    const released = { ...draft, card: releasedCard.value as Record<string, unknown> };
    const link = await clickCard(client, released, user('Jonas').id, 'file.link', {
      kind: 'protocol.docx',
      bodyId: BODY,
      sessionId: SESSION,
      version: 1,
    });
    const url = ((link.value as { actions?: { url: string }[] }).actions ?? [])[0]?.url ?? '';
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const xml = strFromU8(
      unzipSync(new Uint8Array(await res.arrayBuffer()))['word/document.xml'] as Uint8Array,
    );
    expect(xml).toContain('Ergebnisprotokoll');
    expect(xml).toContain('Neue Vorlage mit Finanzierungsplan zur nächsten Sitzung.');
    expect(xml).toContain('Beschluss: abgelehnt (Ja 3, Nein 1, Enthaltung 0).');

    // The SPK, configured by e-mail (as in the README walkthrough), downloads it too.
    const own = await clickCard(client, released, spk.id, 'file.link', {
      kind: 'protocol.docx',
      bodyId: BODY,
      sessionId: SESSION,
      version: 1,
    });
    const ownUrl = ((own.value as { actions?: { url: string }[] }).actions ?? [])[0]?.url ?? '';
    expect(ownUrl, JSON.stringify(own.value)).toContain('/files/');
    expect((await fetch(ownUrl)).status).toBe(200);

    // The scheduler's pass posts it to the channel, saying where it is filed, and files it there.
    await runScheduler(e2e.bot);
    const posted = await client.waitFor(inChannel('Abgelegt im Gruppenlaufwerk'));
    expect(cardText(posted.card)).toContain('AG Planung/');
    const year = SESSION.slice(0, 4);
    const filed = readdirSync(path.join(DRIVE, 'AG Planung', year));
    expect(filed.filter((f) => f.includes('Ergebnisprotokoll (Fassung 1)')).sort()).toEqual([
      expect.stringMatching(/Ergebnisprotokoll \(Fassung 1\)\.docx$/),
      expect.stringMatching(/Ergebnisprotokoll \(Fassung 1\)\.md$/),
    ]);
  }, 90_000);
});
